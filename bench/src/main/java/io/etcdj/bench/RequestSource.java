package io.etcdj.bench;

import io.netty.handler.codec.http.FullHttpRequest;

/** Supplies each connection's next request; called from every event loop, so it must be thread-safe. */
@FunctionalInterface
interface RequestSource {
  /** The next request to {@code target}, or null when there is no more work. */
  FullHttpRequest next(Target target);
}
