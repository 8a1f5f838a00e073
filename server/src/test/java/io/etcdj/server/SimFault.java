package io.etcdj.server;

/**
 * One fault of a generated schedule. Members are named by role ({@link Who}) and resolved when
 * the fault happens, with the run's random, so a schedule hits whoever leads at that moment. A
 * crashed or stopped member comes back by itself after a downtime the run draws.
 */
sealed interface SimFault {
  /** Which member a fault hits: the leader (any member if none leads), a follower, or any member. */
  enum Who { LEADER, FOLLOWER, ANY }

  /** kill -9 now. */
  record Crash(Who who) implements SimFault {}

  /** kill -9 at the {@code nthCall}-th call that reaches {@code point} (see {@link CrashPoint}). */
  record CrashAt(Who who, CrashPoint point, int nthCall) implements SimFault {}

  /** The whole process stops running for {@code steps} (a long GC pause, a stopped VM), then goes on. */
  record Freeze(Who who, int steps) implements SimFault {}

  /** The apply thread falls behind for {@code steps}: proposals and reads wait for it. */
  record StallApply(Who who, int steps) implements SimFault {}

  /** A majority of the live members lose power at once. */
  record CrashMajority() implements SimFault {}

  /** A graceful stop: leadership handed over through the inbox, then the process exits. */
  record GracefulStop(Who who) implements SimFault {}

  /**
   * The members whose bit is set (by position) lose every link to the others, both ways, for
   * {@code steps}; network faults mend by themselves after their duration (or at a {@link Heal}).
   */
  record Partition(int mask, int steps) implements SimFault {}

  /** One member loses every link, both ways. */
  record Isolate(Who who, int steps) implements SimFault {}

  /** One member hears nobody, while everyone still hears it (a one-way partition). */
  record Deafen(Who who, int steps) implements SimFault {}

  /** Everything one member sends is dropped, while it still hears everyone. */
  record Mute(Who who, int steps) implements SimFault {}

  /** What one member sends another is dropped; the other direction still works. */
  record OneWayCut(Who from, Who to, int steps) implements SimFault {}

  /** Every link mended, loss, duplication and slowness gone. */
  record Heal() implements SimFault {}

  record Loss(int percent, int steps) implements SimFault {}

  record Duplicate(int percent, int steps) implements SimFault {}

  /** Messages take between {@code minMicros} and {@code maxMicros}: far more reordering. */
  record Delay(int minMicros, int maxMicros, int steps) implements SimFault {}

  /** A member is added through some member's API and started as a joiner (a learner, promoted once caught up). */
  record AddMember() implements SimFault {}

  /** A member is removed through some member's API; it stops once it applies its removal. */
  record RemoveMember(Who who) implements SimFault {}

  /**
   * {@code fault} hits the next member elected leader (its {@link Who} is that member), before
   * the appends of its first Ready arrive: a leader gone the moment it won is where elections
   * and commitment are most fragile.
   */
  record OnNextLeader(SimFault fault) implements SimFault {}

  /** A fault and the step it happens at. */
  record Timed(int step, SimFault fault) {}
}
