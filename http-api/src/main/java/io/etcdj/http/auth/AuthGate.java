package io.etcdj.http.auth;

import io.etcdj.http.keys.KeyAccess;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Who may do what, as etcd's v2http decides it (hasKeyPrefixAccess, hasGuestAccess,
 * hasRootAccess, hasWriteRootAccess), against this member's current {@link AuthSnapshot}. While
 * auth is disabled everything is allowed and credentials are not even read. Any Authorization
 * header, even an empty-handed or wrong one, means "this user" and never falls back to guest.
 *
 * <p>Threads: shared by every event loop; holds only the shared state and cache, both thread-safe.
 * Credentials the cache has no verdict on are judged (bcrypt, tens of ms) on the gate's own
 * judging threads when the caller asks for it ({@link #judgeCredentials}, as /v2/keys and
 * /v2/auth do), so a flood of new passwords slows those threads, not every connection of an
 * event loop; a caller that does not ask (member changes) runs the round on its own thread.
 */
public final class AuthGate implements KeyAccess {
  private static final int JUDGING_THREADS = 2;

  private final AuthState state;
  private final CredentialCache cache;
  /** Runs bcrypt for credentials not judged yet; its threads end after a minute without work. */
  private final ThreadPoolExecutor judges;
  /** The version of the snapshot the cache was last swept against; any loop may sweep. */
  private volatile long sweptVersion = -1;

  public AuthGate(AuthState state) {
    this(state, new CredentialCache());
  }

  AuthGate(AuthState state, CredentialCache cache) {
    this.state = state;
    this.cache = cache;
    this.judges = new ThreadPoolExecutor(JUDGING_THREADS, JUDGING_THREADS, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "etcdj-auth-bcrypt");
          t.setDaemon(true);
          return t;
        });
    judges.allowCoreThreadTimeOut(true);
  }

  public AuthState state() { return state; }

  @Override public boolean open() {
    return !state.enabled();
  }

  @Override public Verdict check(HttpHeaders headers, String method, String key, boolean recursive) {
    AuthSnapshot s = snapshot();
    if (!s.enabled()) {
      return Verdict.ALLOWED;
    }
    boolean write = !method.equals("GET") && !method.equals("HEAD");
    String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
    if (authorization == null || authorization.isEmpty()) {
      return s.role(AuthSnapshot.GUEST).map(guest -> guest.hasKeyAccess(key, write)).orElse(false)
          ? Verdict.ALLOWED : Verdict.DENIED;
    }
    BasicCredentials credentials = BasicCredentials.parse(authorization);
    Optional<AuthUser> user = credentials == null ? Optional.empty() : s.user(credentials.user());
    if (user.isEmpty()) {
      return Verdict.DENIED;
    }
    Boolean verified = cache.knownVerdict(user.get(), credentials.password());
    if (verified == null) {
      return Verdict.UNJUDGED;
    }
    if (!verified || user.get().roles() == null) {
      return Verdict.DENIED;
    }
    for (String roleName : user.get().roles()) {
      Optional<AuthRole> role = s.role(roleName);
      if (role.isPresent() && (recursive ? role.get().hasRecursiveAccess(key, write)
          : role.get().hasKeyAccess(key, write))) {
        return Verdict.ALLOWED;
      }
    }
    return Verdict.DENIED;
  }

  /** {@link #check}, judging unjudged credentials on the calling thread (tests, benchmarks). */
  public boolean allows(HttpHeaders headers, String method, String key, boolean recursive) {
    Verdict v = check(headers, method, key, recursive);
    if (v == Verdict.UNJUDGED) {
      authenticate(snapshot(), headers.get(HttpHeaderNames.AUTHORIZATION));
      v = check(headers, method, key, recursive);
    }
    return v == Verdict.ALLOWED;
  }

  /** Whether judging the credentials of a request to a root-only resource would run bcrypt. */
  public boolean mustJudgeCredentials(HttpHeaders headers) {
    AuthSnapshot s = snapshot();
    if (!s.enabled()) {
      return false;
    }
    BasicCredentials credentials = BasicCredentials.parse(headers.get(HttpHeaderNames.AUTHORIZATION));
    if (credentials == null) {
      return false;
    }
    Optional<AuthUser> user = s.user(credentials.user());
    return user.isPresent() && cache.knownVerdict(user.get(), credentials.password()) == null;
  }

  @Override public CompletableFuture<Void> judgeCredentials(HttpHeaders headers) {
    String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
    try {
      return CompletableFuture.runAsync(() -> authenticate(snapshot(), authorization), judges);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(null); // the caller's check judges them itself
    }
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
