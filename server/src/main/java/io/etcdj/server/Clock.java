package io.etcdj.server;

/**
 * The member's only source of time. The Raft loop turns {@link #nanoTime} into ticks and request
 * deadlines; commands are stamped with {@link #wallMillis} by the member that proposes them (TTL
 * expirations are absolute, so every replica agrees). The simulator swaps in a simulated clock.
 */
public interface Clock {
  /** Monotonic nanoseconds, for intervals and deadlines. */
  long nanoTime();

  /** Wall-clock epoch milliseconds, for TTLs and the times shown to clients. */
  long wallMillis();

  Clock SYSTEM = new Clock() {
    @Override public long nanoTime() { return System.nanoTime(); }
    @Override public long wallMillis() { return System.currentTimeMillis(); }
  };
}
