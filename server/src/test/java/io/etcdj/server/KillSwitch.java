package io.etcdj.server;

/**
 * Kills a simulated member's process at a chosen call: armed with a {@link CrashPoint} and a count
 * n, it throws {@link SimulatedCrash} from the n-th call that reaches that point. The simulated
 * disk, snapshot store, network endpoint and apply queue of one member share it. It belongs to
 * the machine, not the process: it outlives restarts, and a crash disarms it. Owned by the
 * simulation thread.
 */
final class KillSwitch {
  private CrashPoint armedAt; // null: disarmed
  private int callsLeft;

  void arm(CrashPoint point, int nthCall) {
    if (nthCall < 1) {
      throw new IllegalArgumentException("nthCall " + nthCall);
    }
    armedAt = point;
    callsLeft = nthCall;
  }

  void disarm() { armedAt = null; }

  boolean armed() { return armedAt != null; }

  /** Called at {@code point}: kills the process here if this is the call it waits for. */
  void at(CrashPoint point) {
    if (armedAt == point && --callsLeft == 0) {
      armedAt = null;
      throw new SimulatedCrash(point);
    }
  }
}
