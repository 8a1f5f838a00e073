package io.etcdj.http.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * A v2 auth user as etcd keeps it at {@code /2/users/<name>}: the name, the bcrypt hash of the
 * password (never a clear password) and the role names; {@code roles} null where Go's slice is nil.
 */
public record AuthUser(String name, String passwordHash, List<String> roles) {
  public AuthUser {
    roles = roles == null ? null : List.copyOf(roles);
  }

  /** v2auth's attachRootRole: the user named root always holds the root role. */
  AuthUser withRootRoleIfRoot() {
    if (!name.equals(AuthSnapshot.ROOT) || (roles != null && roles.contains(AuthSnapshot.ROOT))) {
      return this;
    }
    List<String> more = new ArrayList<>(roles == null ? List.of() : roles);
    more.add(AuthSnapshot.ROOT);
    return new AuthUser(name, passwordHash, more);
  }

  boolean hasRole(String role) {
    return roles != null && roles.contains(role);
  }
}
