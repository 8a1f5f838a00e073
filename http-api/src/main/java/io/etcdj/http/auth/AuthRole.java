package io.etcdj.http.auth;

/**
 * A v2 auth role as etcd keeps it at {@code /2/roles/<name>} and answers it: its kv permissions
 * and, only as a PUT's body carries them, the grant and revoke to apply (null when absent, as
 * Go's nil pointers; a created role is stored with whatever its body held).
 */
public record AuthRole(String name, Permissions permissions, Permissions grant, Permissions revoke) {
  /** etcd's built-in root role: it is never stored, and may do anything. */
  static final AuthRole ROOT = new AuthRole(AuthSnapshot.ROOT, Permissions.ALL, null, null);
  /** The guest role etcd creates when auth is enabled without one: anonymous clients keep full access. */
  static final AuthRole DEFAULT_GUEST = new AuthRole(AuthSnapshot.GUEST, Permissions.ALL, null, null);

  public AuthRole {
    permissions = permissions == null ? Permissions.NONE : permissions;
  }

  /** etcd's Role.HasKeyAccess. */
  public boolean hasKeyAccess(String key, boolean write) {
    return name.equals(AuthSnapshot.ROOT) || permissions.hasAccess(key, write);
  }

  /** etcd's Role.HasRecursiveAccess. */
  public boolean hasRecursiveAccess(String key, boolean write) {
    return name.equals(AuthSnapshot.ROOT) || permissions.hasRecursiveAccess(key, write);
  }
}
