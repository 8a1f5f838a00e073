package io.etcdj.server;

import java.util.SplittableRandom;

/**
 * The shape of one generated schedule, drawn from its seed: the cluster, its clients and how hard
 * the faults come. Sizes are chosen so ten thousand schedules fit in a few minutes on two cores.
 *
 * @param snapshotCount small values make members snapshot, compact and send snapshots often
 * @param faultSteps steps of 5 ms with faults; then the network heals, crashed members restart,
 *     clients go on for a while, and the cluster must settle
 * @param meanFaultGapSteps mean steps between two faults
 * @param ttl whether TTL keys are written (and checked to expire exactly once)
 * @param membership whether members are added and removed
 * @param maxMessageBytes the byte limit of one append; a tiny one makes every append carry one entry
 * @param leaderChurn whether the faults mostly silence leaders, each as soon as it is elected
 *     (see {@link FaultSchedule}), rather than the general mix
 * @param quorumReadIndex quorum reads by ReadIndex (etcdj's default), or by an entry through the
 *     log as etcd 3.4's QGET ({@code --quorum-read log})
 */
record SimProfile(int size, long snapshotCount, int clients, int keys, int faultSteps, int meanFaultGapSteps,
                  boolean ttl, boolean membership, long maxMessageBytes, boolean leaderChurn, boolean quorumReadIndex) {

  /**
   * The profile of a schedule with {@code bug} planted: the usual one, except that the planted
   * old-term commit needs appends of one entry each. A new leader's first append to a follower
   * that lacks an old entry then carries that entry without the leader's no-op, and the
   * follower's answer covers the old entry only: that is when counting replicas of an old entry
   * commits what Raft's rule would not (with whole appends the answer covers the no-op too, and
   * the mutation changes nothing). Its faults are the leader churn mix: a leader muted while it
   * takes writes, its successor muted as soon as elected, and so on, as in the paper's figure.
   */
  static SimProfile draw(SplittableRandom random, PlantedBug bug) {
    SimProfile usual = draw(random);
    if (bug != PlantedBug.OLD_TERM_COMMIT) {
      return usual;
    }
    return new SimProfile(usual.size() == 1 ? 3 : usual.size(), usual.snapshotCount(), usual.clients(), usual.keys(),
        usual.faultSteps(), usual.meanFaultGapSteps(), usual.ttl(), usual.membership(), 1, true,
        usual.quorumReadIndex());
  }

  static SimProfile draw(SplittableRandom random) {
    int sizeDice = random.nextInt(20);
    int size = sizeDice == 0 ? 1 : sizeDice < 14 ? 3 : 5;
    long snapshotCount = random.nextBoolean() ? 10_000 : 20 + random.nextInt(100);
    int clients = 2 + random.nextInt(5);
    int keys = 1 + random.nextInt(3);
    int faultSteps = 800 + random.nextInt(1600);
    int meanFaultGapSteps = 40 + random.nextInt(260);
    boolean ttl = random.nextInt(3) == 0;
    boolean membership = size > 1 && random.nextInt(3) == 0;
    // One schedule in eight sends one entry per append, as a slow or congested link would.
    long maxMessageBytes = random.nextInt(8) == 0 ? 1 : MemberRuntime.MAX_SIZE_PER_MSG_BYTES;
    boolean leaderChurn = random.nextInt(10) == 0;
    boolean quorumReadIndex = random.nextInt(5) != 0;
    return new SimProfile(size, snapshotCount, clients, keys, faultSteps, meanFaultGapSteps, ttl, membership,
        maxMessageBytes, leaderChurn, quorumReadIndex);
  }

  @Override public String toString() {
    return size + " member(s), snapshots every " + snapshotCount + " entries, " + clients + " clients on " + keys
        + " key(s), " + faultSteps + " fault steps (one fault every ~" + meanFaultGapSteps + ")"
        + (ttl ? ", TTL keys" : "") + (membership ? ", members added and removed" : "")
        + (maxMessageBytes < MemberRuntime.MAX_SIZE_PER_MSG_BYTES ? ", one entry per append" : "")
        + (leaderChurn ? ", leader churn" : "") + (quorumReadIndex ? "" : ", quorum reads through the log");
  }
}
