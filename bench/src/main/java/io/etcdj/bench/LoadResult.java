package io.etcdj.bench;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a closed-loop run measured: successful answers, errors by HTTP status
 * ({@link LoadRun#TRANSPORT_ERROR} for failures below HTTP), the measured wall time, and the
 * latency of every answer in microseconds.
 */
record LoadResult(long ops, Map<Integer, Long> errorsByStatus, long elapsedNanos, Histogram latencyUs) {
  LoadResult {
    errorsByStatus = Map.copyOf(errorsByStatus);
  }

  long errors() {
    return errorsByStatus.values().stream().mapToLong(Long::longValue).sum();
  }

  double throughputPerSecond() {
    return elapsedNanos <= 0 ? 0 : ops * 1e9 / elapsedNanos;
  }
}
