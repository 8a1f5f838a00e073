package io.etcdj.server;

/**
 * The last few things that happened in a run (faults, crashes, restarts, new leaders), stamped
 * with simulated time, printed beside a violation so its story can be read without a replay.
 */
final class RunLog {
  private static final int KEPT = 100;

  private final SimClock clock;
  private final String[] ring = new String[KEPT];
  private long noted;

  RunLog(SimClock clock) { this.clock = clock; }

  void note(String what) {
    ring[(int) (noted++ % KEPT)] = String.format("%8.3f s  %s", clock.nanoTime() / 1e9, what);
  }

  /** The kept lines, oldest first, one per line. */
  String tail() {
    StringBuilder b = new StringBuilder();
    for (long i = Math.max(0, noted - KEPT); i < noted; i++) {
      b.append("  ").append(ring[(int) (i % KEPT)]).append('\n');
    }
    return b.toString();
  }
}
