package io.etcdj.server;

import java.util.Map;

/**
 * What one schedule did and whether it held.
 *
 * @param messages Raft messages the network delivered
 * @param operations client operations recorded (and checked) in its history
 * @param entriesApplied entries applied, summed over members (state-machine safety checks)
 * @param crashPoints where its simulated crashes hit
 * @param knownIssue a known runtime bug the run ran into and tolerated, or null (see
 *     {@link Settling#KNOWN_ISSUE_REMOVED_VOTER})
 * @param fingerprint the same for two runs of one seed (history, counts, time): replays are exact
 * @param violated the property that broke, or null when every check passed
 * @param report for a failure: what broke, the schedule, the last events and the replay line
 */
record RunOutcome(long seed, PlantedBug bug, SimProfile profile, long messages, int operations, long entriesApplied,
                  int leaders, int crashes,
                  Map<CrashPoint, Integer> crashPoints, String knownIssue, long fingerprint, String violated,
                  String report) {
  boolean failed() { return violated != null; }

  /** The line to paste into a test to run this schedule again. */
  String replayLine() { return replayLine(seed, bug); }

  static String replayLine(long seed, PlantedBug bug) {
    return bug == PlantedBug.NONE ? "SimulationRun.replay(" + seed + "L);"
        : "SimulationRun.replay(" + seed + "L, PlantedBug." + bug.name() + ");";
  }
}
