package io.etcdj.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The shared tally of one closed-loop run. Every connection's event loop records into it
 * concurrently (LongAdder, HdrHistogram's wait-free Recorder); the main thread moves it through
 * its phases and reads it at the end.
 */
final class LoadRun {
  /** Status key for a failure below HTTP: connect refused, reset, closed. */
  static final int TRANSPORT_ERROR = 0;

  enum Phase { WARMUP, MEASURE, DONE }

  private volatile Phase phase;
  private final LongAdder ops = new LongAdder();
  private final Map<Integer, LongAdder> errors = new ConcurrentHashMap<>();
  private final Recorder latencyUs = new Recorder(3);
  private volatile long measureStartNanos;
  private volatile long measureEndNanos;

  LoadRun(boolean warmup) {
    this.phase = warmup ? Phase.WARMUP : Phase.MEASURE;
    if (!warmup) measureStartNanos = System.nanoTime();
  }

  boolean sending() { return phase != Phase.DONE; }

  void startMeasuring() {
    latencyUs.reset();
    measureStartNanos = System.nanoTime();
    phase = Phase.MEASURE;
  }

  void stop() {
    if (phase != Phase.DONE) {
      measureEndNanos = System.nanoTime();
      phase = Phase.DONE;
    }
  }

  /** One answered request; errors are 4xx/5xx statuses. */
  void answered(int status, long latencyNanos) {
    if (phase != Phase.MEASURE) return;
    if (status >= 400) {
      errors.computeIfAbsent(status, s -> new LongAdder()).increment();
    } else {
      ops.increment();
    }
    latencyUs.recordValue(Math.max(1, latencyNanos / 1_000));
  }

  void transportError() {
    if (phase == Phase.MEASURE) errors.computeIfAbsent(TRANSPORT_ERROR, s -> new LongAdder()).increment();
  }

  /** The result so far; call after {@link #stop()}. */
  LoadResult result() {
    Map<Integer, Long> byStatus = new TreeMap<>();
    errors.forEach((status, n) -> byStatus.put(status, n.sum()));
    Histogram h = latencyUs.getIntervalHistogram();
    long end = measureEndNanos == 0 ? System.nanoTime() : measureEndNanos;
    return new LoadResult(ops.sum(), byStatus, end - measureStartNanos, h);
  }
}
