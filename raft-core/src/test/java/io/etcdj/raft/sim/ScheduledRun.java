package io.etcdj.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;

/**
 * One simulated run: faults at their steps, then everything healed and a recovery phase in which
 * the cluster must elect a leader and converge. Safety is checked throughout, liveness at the end.
 */
final class ScheduledRun {
  static final int FAULT_STEPS = 1_500;
  static final int RECOVERY_STEPS = 1_500;

  private ScheduledRun() {}

  static String describe(long seed, SimCluster.Options options, List<Fault.Timed> faults) {
    return "ScheduledRun.run(" + seed + "L, new SimCluster.Options(" + options.size() + ", "
        + options.preVote() + ", " + options.checkQuorum() + ", " + options.proposalPercent()
        + ", " + options.tinyMessages() + "), List.of(" + String.join(", ", faults.stream().map(Fault.Timed::toString).toList()) + "))";
  }

  static SimCluster run(long seed, SimCluster.Options options, List<Fault.Timed> faults) {
    SimCluster cluster = new SimCluster(seed, options, describe(seed, options, faults));
    List<Fault.Timed> ordered = faults.stream()
        .sorted(Comparator.comparingInt(Fault.Timed::atStep)).toList();
    int next = 0;
    for (int step = 0; step < FAULT_STEPS; step++) {
      while (next < ordered.size() && ordered.get(next).atStep() <= step) {
        ordered.get(next++).fault().applyTo(cluster);
      }
      cluster.step();
      if (step % 250 == 0) {
        cluster.checkLogMatching();
      }
    }
    cluster.healAll();
    String replay = describe(seed, options, faults);
    boolean elected = cluster.runUntil(() -> cluster.leader() != null, RECOVERY_STEPS);
    assertThat(elected).as("a leader after healing [%s]", replay).isTrue();
    // A final proposal must reach every node's state machine. A proposal may be lost when the
    // node that took it was a deposed leader, so it is retried as a client would.
    boolean converged = false;
    for (int attempt = 0; attempt < RECOVERY_STEPS / 100 && !converged; attempt++) {
      SimNode leader = cluster.leader();
      if (leader != null) {
        cluster.propose(leader, "final");
      }
      converged = cluster.runUntil(() -> allAppliedFinal(cluster), 100);
    }
    assertThat(converged).as("all nodes apply the final entry [%s]", replay).isTrue();
    cluster.checkLogMatching();
    return cluster;
  }

  private static boolean allAppliedFinal(SimCluster cluster) {
    for (SimNode n : cluster.nodes()) {
      if (!cluster.isMember(n)) {
        continue; // a learner whose addition was lost with a deposed leader never joined
      }
      boolean has = n.appliedNormal().stream().anyMatch(e -> new String(e.data()).equals("final"));
      if (!has) {
        return false;
      }
    }
    return true;
  }
}
