package io.etcdj.http.keys;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.concurrent.CompletableFuture;

/**
 * etcd's permission check on /v2/keys (v2http's hasKeyPrefixAccess), asked after the request
 * parsed and before it is served, so parse errors (errorCode 2xx) answer first, as in etcd.
 * Called on the channel's event loop; implementations are shared by every loop.
 */
public interface KeyAccess {
  /** Every request allowed (auth never enabled): what {@link KeysEndpoint} uses without auth. */
  KeyAccess OPEN = new KeyAccess() {
    @Override public boolean open() { return true; }

    @Override public boolean allows(HttpHeaders headers, String method, String key, boolean recursive) {
      return true;
    }
  };

  /** Whether every request is allowed now (auth disabled), without looking at it: the hot path. */
  boolean open();

  /**
   * Whether the request may go on: {@code key} is the decoded path after "/v2/keys" as the client
   * sent it (a trailing slash kept: "/a/" matches the pattern "/a/*" where "/a" does not),
   * {@code recursive} the request's recursive flag (then only a prefix pattern grants access).
   */
  boolean allows(HttpHeaders headers, String method, String key, boolean recursive);

  /**
   * Whether {@link #allows} would have to judge a password first (a bcrypt round, tens of ms):
   * the endpoint then has {@link #judgeCredentials} do it off the event loop and asks again.
   */
  default boolean mustJudgeCredentials(HttpHeaders headers) {
    return false;
  }

  /** Judges the request's credentials on another thread; completes once the verdict is known. */
  default CompletableFuture<Void> judgeCredentials(HttpHeaders headers) {
    return CompletableFuture.completedFuture(null);
  }
}
