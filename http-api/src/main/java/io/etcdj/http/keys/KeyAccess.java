package io.etcdj.http.keys;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.concurrent.CompletableFuture;

/**
 * etcd's permission check on /v2/keys (v2http's hasKeyPrefixAccess), asked after the request
 * parsed and before it is served, so parse errors (errorCode 2xx) answer first, as in etcd.
 * Called on the channel's event loop; implementations are shared by every loop.
 */
public interface KeyAccess {
  /** What {@link #check} found. */
  enum Verdict {
    ALLOWED,
    DENIED,
    /** The password has not been judged yet (a bcrypt round): {@link #judgeCredentials}, then check again. */
    UNJUDGED
  }

  /** Every request allowed (auth never enabled): what {@link KeysEndpoint} uses without auth. */
  KeyAccess OPEN = new KeyAccess() {
    @Override public boolean open() { return true; }

    @Override public Verdict check(HttpHeaders headers, String method, String key, boolean recursive) {
      return Verdict.ALLOWED;
    }
  };

  /** Whether every request is allowed now (auth disabled), without looking at it: the hot path. */
  boolean open();

  /**
   * Whether the request may go on: {@code key} is the decoded path after "/v2/keys" as the client
   * sent it (a trailing slash kept: "/a/" matches the pattern "/a/*" where "/a" does not),
   * {@code recursive} the request's recursive flag (then only a prefix pattern grants access).
   * Never runs bcrypt: credentials not judged yet are {@link Verdict#UNJUDGED}.
   */
  Verdict check(HttpHeaders headers, String method, String key, boolean recursive);

  /** Judges the request's credentials on another thread; completes once the verdict is known. */
  default CompletableFuture<Void> judgeCredentials(HttpHeaders headers) {
    return CompletableFuture.completedFuture(null);
  }
}
