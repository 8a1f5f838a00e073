package io.etcdj.server;

/**
 * Thrown from inside a simulated disk, network or apply call to kill the member's process right
 * there: nothing after the call runs. Only {@link SimMember} catches it, and crashes the member
 * (its unsynced writes are lost, its peers see its connections close). Never seen by production
 * code paths that would survive it: it unwinds through the Raft loop or the applier to the
 * simulation thread. Carries no stack trace: schedules throw tens of thousands of them.
 */
final class SimulatedCrash extends RuntimeException {
  private final CrashPoint point;

  SimulatedCrash(CrashPoint point) {
    super("simulated crash at " + point, null, false, false);
    this.point = point;
  }

  CrashPoint point() { return point; }
}
