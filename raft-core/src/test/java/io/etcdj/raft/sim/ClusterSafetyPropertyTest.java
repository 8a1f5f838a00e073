package io.etcdj.raft.sim;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Raft's safety properties under generated fault schedules (partitions, crashes and restarts,
 * message loss, compaction that forces snapshots, leadership transfers, learners added and
 * promoted), each run replayable from its printed seed and schedule via {@link ScheduledRun#run}.
 * Besides the paper's properties, no learner ever campaigns and no election is decided by a
 * learner's vote.
 */
class ClusterSafetyPropertyTest {

  @Property(tries = 250, seed = "20261125")
  void electionLogAndStateMachineSafetyHoldUnderFaults(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 7) int size,
      @ForAll boolean preVote,
      @ForAll boolean checkQuorum,
      @ForAll boolean tinyMessages,
      @ForAll("schedules") List<Fault.Timed> faults) {
    ScheduledRun.run(seed, new SimCluster.Options(size, preVote, checkQuorum, 30, tinyMessages), faults);
  }

  @Provide
  Arbitrary<List<Fault.Timed>> schedules() {
    Arbitrary<Integer> node = Arbitraries.integers().between(1, 7);
    // Membership changes often fail (no leader, one already in flight): they get more weight.
    Arbitrary<Fault> fault = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.integers().between(1, 126).map(Fault.Partition::new)),
        Tuple.of(1, Arbitraries.just(new Fault.Heal())),
        Tuple.of(1, node.map(Fault.Crash::new)),
        Tuple.of(1, node.map(Fault.Restart::new)),
        Tuple.of(1, node.map(Fault.Compact::new)),
        Tuple.of(1, node.map(Fault.Transfer::new)),
        Tuple.of(1, Arbitraries.integers().between(0, 40).map(Fault.Loss::new)),
        Tuple.of(2, Arbitraries.just(new Fault.AddLearner())),
        Tuple.of(2, Arbitraries.just(new Fault.Promote())));
    Arbitrary<Fault.Timed> timed = Combinators
        .combine(Arbitraries.integers().between(0, ScheduledRun.FAULT_STEPS - 1), fault)
        .as(Fault.Timed::new);
    return timed.list().ofMaxSize(16);
  }
}
