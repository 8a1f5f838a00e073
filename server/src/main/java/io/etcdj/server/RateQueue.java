package io.etcdj.server;

/**
 * etcd's statsQueue behind the {@code *PkgRate} and {@code *BandwidthRate} of /v2/stats/self:
 * the last 200 appends (time, bytes); the rate is their count and size over the time between
 * the oldest and the newest, and zero (the queue emptied) once the newest is over a second old.
 * With one append in the queue that time is zero and the rates are infinite, as in etcd.
 * Guarded by the owning {@link SelfStatsRecorder}'s lock.
 */
final class RateQueue {
  static final int CAPACITY = 200;
  private static final long SECOND_NANOS = 1_000_000_000L;

  private final long[] timesNanos = new long[CAPACITY];
  private final long[] sizes = new long[CAPACITY];
  private int size;
  private int front;
  private int back = -1;
  private long totalBytes;

  void insert(long nowNanos, long bytes) {
    back = (back + 1) % CAPACITY;
    if (size == CAPACITY) {
      totalBytes -= sizes[front];
      front = (back + 1) % CAPACITY;
    } else {
      size++;
    }
    timesNanos[back] = nowNanos;
    sizes[back] = bytes;
    totalBytes += bytes;
  }

  /** {packages per second, bytes per second}; zeros when nothing was appended in the last second. */
  double[] rate(long nowNanos) {
    if (size == 0) {
      return new double[2];
    }
    if (nowNanos - timesNanos[back] > SECOND_NANOS) {
      size = 0;
      front = 0;
      back = -1;
      totalBytes = 0;
      return new double[2];
    }
    double sampleNanos = timesNanos[back] - timesNanos[front];
    return new double[] {size / sampleNanos * SECOND_NANOS, totalBytes / sampleNanos * SECOND_NANOS};
  }
}
