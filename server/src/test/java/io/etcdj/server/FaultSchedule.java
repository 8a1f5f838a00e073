package io.etcdj.server;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Draws a run's faults from its seed: what happens, and at which step of the fault phase. */
final class FaultSchedule {
  private FaultSchedule() {}

  static List<SimFault.Timed> draw(SimProfile profile, SplittableRandom random) {
    List<SimFault.Timed> faults = new ArrayList<>();
    int step = 0;
    while (true) {
      step += 1 + (int) (-Math.log(1 - random.nextDouble()) * profile.meanFaultGapSteps());
      if (step >= profile.faultSteps()) {
        return faults;
      }
      faults.add(new SimFault.Timed(step, fault(profile, random)));
    }
  }

  /** The kinds of fault, in the order of {@link #weights}. */
  private enum Kind { CRASH_AT, CRASH, CRASH_MAJORITY, GRACEFUL_STOP, PARTITION, ISOLATE, DEAFEN, MUTE, ONE_WAY_CUT,
    HEAL, LOSS, DUPLICATE, DELAY, ON_NEXT_LEADER, FREEZE, STALL_APPLY, ADD_MEMBER, REMOVE_MEMBER }

  /**
   * How often each kind comes. The general mix: crashes at a chosen point of a Ready most, then
   * partitions. Leader churn: mostly a leader muted while it takes writes, and the next one
   * muted the moment it is elected (an old entry left on one member, a newer one at the same
   * index on another, then the first elected again), which is the run of elections behind the
   * Raft paper's figure 8.
   */
  private static int[] weights(SimProfile profile) {
    int membership = profile.membership() ? 3 : 0;
    if (profile.leaderChurn()) {
      return new int[] {2, 1, 0, 1, 0, 2, 0, 8, 0, 1, 0, 0, 0, 8, 1, 0, 0, 0};
    }
    return new int[] {9, 3, 1, 3, 4, 4, 2, 2, 2, 2, 2, 2, 2, 4, 2, 2, membership, membership};
  }

  private static SimFault fault(SimProfile profile, SplittableRandom random) {
    int[] weights = weights(profile);
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int dice = random.nextInt(total);
    int k = 0;
    while (dice >= weights[k]) {
      dice -= weights[k++];
    }
    SimFault.Who leaderMostly = random.nextInt(3) < 2 ? SimFault.Who.LEADER : SimFault.Who.ANY;
    return switch (Kind.values()[k]) {
      case CRASH_AT -> new SimFault.CrashAt(leaderMostly, crashPoint(random), 1 + random.nextInt(4));
      case CRASH -> new SimFault.Crash(leaderMostly);
      case CRASH_MAJORITY -> new SimFault.CrashMajority();
      case GRACEFUL_STOP -> new SimFault.GracefulStop(leaderMostly);
      case PARTITION -> new SimFault.Partition(1 + random.nextInt((1 << profile.size()) - 1), duration(random));
      case ISOLATE -> new SimFault.Isolate(leaderMostly, duration(random));
      case DEAFEN -> new SimFault.Deafen(leaderMostly, duration(random));
      case MUTE -> new SimFault.Mute(profile.leaderChurn() ? SimFault.Who.LEADER : leaderMostly, duration(random));
      case ONE_WAY_CUT -> new SimFault.OneWayCut(leaderMostly, SimFault.Who.ANY, duration(random));
      case HEAL -> new SimFault.Heal();
      case LOSS -> new SimFault.Loss(5 + random.nextInt(40), duration(random));
      case DUPLICATE -> new SimFault.Duplicate(5 + random.nextInt(30), duration(random));
      case DELAY -> new SimFault.Delay(100 + random.nextInt(2_000), 3_000 + random.nextInt(60_000), duration(random));
      case ON_NEXT_LEADER -> new SimFault.OnNextLeader(switch (profile.leaderChurn() ? 3 : random.nextInt(4)) {
        case 0 -> new SimFault.Crash(SimFault.Who.LEADER);
        case 1 -> new SimFault.CrashAt(SimFault.Who.LEADER, crashPoint(random), 1 + random.nextInt(4));
        case 2 -> new SimFault.Isolate(SimFault.Who.LEADER, duration(random));
        default -> new SimFault.Mute(SimFault.Who.LEADER, duration(random));
      });
      case FREEZE -> new SimFault.Freeze(leaderMostly, duration(random));
      case STALL_APPLY -> new SimFault.StallApply(random.nextBoolean() ? SimFault.Who.FOLLOWER : SimFault.Who.ANY,
          duration(random));
      case ADD_MEMBER -> new SimFault.AddMember();
      case REMOVE_MEMBER -> new SimFault.RemoveMember(random.nextBoolean() ? SimFault.Who.FOLLOWER : SimFault.Who.ANY);
    };
  }

  /** How long a network fault lasts: mostly long enough for an election (1 to 2 s) to happen behind it. */
  private static int duration(SplittableRandom random) {
    return random.nextInt(4) == 0 ? 20 + random.nextInt(180) : 200 + random.nextInt(700);
  }

  private static CrashPoint crashPoint(SplittableRandom random) {
    CrashPoint[] points = CrashPoint.values();
    return points[random.nextInt(points.length)];
  }
}
