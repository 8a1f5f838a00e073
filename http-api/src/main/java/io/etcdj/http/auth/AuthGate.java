package io.etcdj.http.auth;

import io.etcdj.http.keys.KeyAccess;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Optional;

/**
 * Who may do what, as etcd's v2http decides it (hasKeyPrefixAccess, hasGuestAccess,
 * hasRootAccess, hasWriteRootAccess), against this member's current {@link AuthSnapshot}. While
 * auth is disabled everything is allowed and credentials are not even read. Any Authorization
 * header, even an empty-handed or wrong one, means "this user" and never falls back to guest.
 *
 * <p>Threads: shared by every event loop; holds only the shared state and cache, both thread-safe.
 * A cache miss runs one bcrypt round on the calling event loop, as etcd does on its handler's
 * goroutine; later requests with the same credentials are cache hits.
 */
public final class AuthGate implements KeyAccess {
  private final AuthState state;
  private final CredentialCache cache;
  /** The version of the snapshot the cache was last swept against; any loop may sweep. */
  private volatile long sweptVersion = -1;

  public AuthGate(AuthState state) {
    this(state, new CredentialCache());
  }

  AuthGate(AuthState state, CredentialCache cache) {
    this.state = state;
    this.cache = cache;
  }

  public AuthState state() { return state; }

  @Override public boolean open() {
    return !state.enabled();
  }

  @Override public boolean allows(HttpHeaders headers, String method, String key, boolean recursive) {
    AuthSnapshot s = snapshot();
    if (!s.enabled()) {
      return true;
    }
    boolean write = !method.equals("GET") && !method.equals("HEAD");
    String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
    if (authorization == null || authorization.isEmpty()) {
      return s.role(AuthSnapshot.GUEST).map(guest -> guest.hasKeyAccess(key, write)).orElse(false);
    }
    Optional<AuthUser> user = authenticate(s, authorization);
    if (user.isEmpty() || user.get().roles() == null) {
      return false;
    }
    for (String roleName : user.get().roles()) {
      Optional<AuthRole> role = s.role(roleName);
      if (role.isPresent() && (recursive ? role.get().hasRecursiveAccess(key, write)
          : role.get().hasKeyAccess(key, write))) {
        return true;
      }
    }
    return false;
  }

  /** hasRootAccess: auth disabled, or the credentials are a user holding the root role. */
  public boolean rootAccess(HttpHeaders headers) {
    AuthSnapshot s = snapshot();
    if (!s.enabled()) {
      return true;
    }
    return authenticate(s, headers.get(HttpHeaderNames.AUTHORIZATION))
        .map(u -> u.hasRole(AuthSnapshot.ROOT)).orElse(false);
  }

  /** hasWriteRootAccess: GET and HEAD are open to all; anything else needs root. */
  public boolean writeRootAccess(String method, HttpHeaders headers) {
    return method.equals("GET") || method.equals("HEAD") || rootAccess(headers);
  }

  /** userFromBasicAuth: the user whose password the Basic credentials carry. */
  private Optional<AuthUser> authenticate(AuthSnapshot s, String authorization) {
    BasicCredentials credentials = BasicCredentials.parse(authorization);
    if (credentials == null) {
      return Optional.empty();
    }
    Optional<AuthUser> user = s.user(credentials.user());
    return user.filter(u -> cache.verifies(u, credentials.password()));
  }

  private AuthSnapshot snapshot() {
    AuthSnapshot s = state.current();
    if (s.internalVersion() != sweptVersion) {
      sweptVersion = s.internalVersion();
      cache.retainValid(s);
    }
    return s;
  }
}
