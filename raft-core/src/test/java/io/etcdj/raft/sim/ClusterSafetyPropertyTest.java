package io.etcdj.raft.sim;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Raft's safety properties under generated fault schedules (partitions, crashes and restarts,
 * message loss, compaction that forces snapshots), each run replayable from its printed seed and
 * schedule via {@link ScheduledRun#run}.
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
    Arbitrary<Fault> fault = Arbitraries.oneOf(
        Arbitraries.integers().between(1, 126).map(Fault.Partition::new),
        Arbitraries.just(new Fault.Heal()),
        node.map(Fault.Crash::new),
        node.map(Fault.Restart::new),
        node.map(Fault.Compact::new),
        node.map(Fault.Transfer::new),
        Arbitraries.integers().between(0, 40).map(Fault.Loss::new));
    Arbitrary<Fault.Timed> timed = Combinators
        .combine(Arbitraries.integers().between(0, ScheduledRun.FAULT_STEPS - 1), fault)
        .as(Fault.Timed::new);
    return timed.list().ofMaxSize(16);
  }
}
