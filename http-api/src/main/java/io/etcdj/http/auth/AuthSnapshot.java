package io.etcdj.http.auth;

import io.etcdj.kvstore.NodeView;
import io.etcdj.kvstore.StoreReader;
import io.etcdj.kvstore.StoreResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The v2 auth data as one member's replicated store holds it at one moment: whether auth is on
 * ({@code /2/enabled}), the users ({@code /2/users/*}) and roles ({@code /2/roles/*}). Immutable, so
 * any event loop may check requests against it while the apply thread goes on.
 *
 * @param initialized {@code /2/enabled} exists: etcd's auth directories were made (the first
 *     user or role write makes them, four store writes that move etcd's index)
 */
public record AuthSnapshot(long internalVersion, boolean initialized, boolean enabled,
                           Map<String, AuthUser> users, Map<String, AuthRole> roles) {
  /** etcd's StorePermsPrefix: where the auth data lives, outside the clients' "/1". */
  static final String PREFIX = "/2";
  static final String USERS = PREFIX + "/users";
  static final String ROLES = PREFIX + "/roles";
  static final String ENABLED = PREFIX + "/enabled";
  static final String ROOT = "root";
  static final String GUEST = "guest";

  static final AuthSnapshot EMPTY = new AuthSnapshot(-1, false, false, Map.of(), Map.of());

  public AuthSnapshot {
    users = Map.copyOf(users);
    roles = Map.copyOf(roles);
  }

  /** Reads {@code /2} from {@code store}; {@code version} is the store's internalVersion read before. */
  static AuthSnapshot read(StoreReader store, long version) {
    StoreResult enabledNode = store.get(ENABLED, false, false, 0);
    boolean initialized = enabledNode instanceof StoreResult.Ok;
    boolean enabled = initialized && "true".equals(((StoreResult.Ok) enabledNode).event().node().value());
    Map<String, AuthUser> users = new TreeMap<>();
    for (NodeView n : children(store, USERS)) {
      AuthUser u = n.value() == null ? null : AuthJson.parseUser(n.value());
      if (u != null) {
        users.put(name(n.key()), new AuthUser(name(n.key()), u.passwordHash(), u.roles()));
      }
    }
    Map<String, AuthRole> roles = new TreeMap<>();
    for (NodeView n : children(store, ROLES)) {
      AuthRole r = n.value() == null ? null : AuthJson.parseRole(n.value());
      if (r != null) {
        roles.put(name(n.key()), r);
      }
    }
    return new AuthSnapshot(version, initialized, enabled, users, roles);
  }

  private static List<NodeView> children(StoreReader store, String dir) {
    StoreResult result = store.get(dir, false, false, 0);
    if (!(result instanceof StoreResult.Ok ok) || ok.event().node().nodes() == null) {
      return List.of();
    }
    return ok.event().node().nodes();
  }

  private static String name(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  /** etcd's getUser: the stored user, with the root role attached to root. */
  Optional<AuthUser> user(String name) {
    AuthUser u = users.get(name);
    return u == null ? Optional.empty() : Optional.of(u.withRootRoleIfRoot());
  }

  /** etcd's getRole: root is built in, never read from the store. */
  Optional<AuthRole> role(String name) {
    return name.equals(ROOT) ? Optional.of(AuthRole.ROOT) : Optional.ofNullable(roles.get(name));
  }

  /** etcd's AllUsers, sorted. */
  List<String> userNames() {
    return new ArrayList<>(new TreeMap<>(users).keySet());
  }

  /** etcd's AllRoles: root and every stored role, sorted. */
  List<String> roleNames() {
    TreeMap<String, AuthRole> all = new TreeMap<>(roles);
    all.put(ROOT, AuthRole.ROOT);
    return new ArrayList<>(all.keySet());
  }
}
