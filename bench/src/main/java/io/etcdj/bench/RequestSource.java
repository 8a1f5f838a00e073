package io.etcdj.bench;

import io.netty.buffer.ByteBuf;

/** Supplies each connection's next request; called from every event loop, so it must be thread-safe. */
@FunctionalInterface
interface RequestSource {
  /** The next request to {@code target}, encoded (the caller writes and releases it), or null when there is no more work. */
  ByteBuf next(Target target);
}
