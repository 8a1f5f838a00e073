package io.etcdj.raft.transport;

import java.time.Duration;

/**
 * The wait before the next dial of a lane: the minimum after a connection that worked, doubling
 * with each failure up to the maximum, so a restarted peer is reached again within tens of
 * milliseconds while a dead one costs a dial a second. Owned by the peer's event loop.
 */
final class Backoff {
  private final long minNanos;
  private final long maxNanos;
  private long nextNanos;

  Backoff(Duration min, Duration max) {
    this.minNanos = min.toNanos();
    this.maxNanos = max.toNanos();
    this.nextNanos = minNanos;
  }

  /** The wait before the next attempt; each call doubles the one after, up to the maximum. */
  long nextDelayNanos() {
    long delay = nextNanos;
    nextNanos = Math.min(maxNanos, nextNanos * 2);
    return delay;
  }

  /** Called when a connection completed its handshake. */
  void reset() { nextNanos = minNanos; }

  /** Called when the peer refused us: no point in hurrying back. */
  void slowest() { nextNanos = maxNanos; }
}
