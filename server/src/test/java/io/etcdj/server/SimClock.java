package io.etcdj.server;

/** Simulated time for a whole cluster: it moves only when the simulation advances it. */
final class SimClock implements Clock {
  private static final long EPOCH_MS = 1_767_225_600_000L; // 2026-01-01, so TTLs look like real ones
  private long nanos;

  void advance(long by) { nanos += by; }

  @Override public long nanoTime() { return nanos; }

  @Override public long wallMillis() { return EPOCH_MS + nanos / 1_000_000; }
}
