package io.etcdj.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.raft.StateRole;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stories of a simulated cluster changing its members: learners joining, a leader leaving. */
class MembershipScenarioTest {
  private static SimCluster cluster(long seed, int size) {
    SimCluster c = new SimCluster(seed, new SimCluster.Options(size, true, true, 30), "seed=" + seed);
    assertThat(c.runUntil(() -> c.leader() != null, 200)).isTrue();
    c.run(200);
    return c;
  }

  @Test
  void aLearnerCatchesUpFromASnapshotWithoutCountingTowardsQuorumThenIsPromoted() {
    SimCluster c = cluster(21, 3);
    for (SimNode n : c.nodes()) {
      c.compact((int) n.id()); // the joiner's first entries are gone: it needs a snapshot
    }
    SimNode learner = c.addLearner();
    assertThat(learner).isNotNull();
    assertThat(c.runUntil(() -> c.leader().raft().isLearner(learner.id()), 100)).isTrue();
    long applied = c.checker().highestApplied();
    assertThat(c.runUntil(() -> learner.appliedIndex() >= applied, 300)).isTrue();
    assertThat(learner.storage().snapshot().isEmpty()).isFalse();
    assertThat(learner.raft().isLearner(learner.id())).isTrue();

    // With both followers down, leader and learner are two of four members but one of three
    // voters: nothing commits.
    SimNode leader = c.leader();
    List<SimNode> followers = c.nodes().stream()
        .filter(n -> n != leader && n != learner).toList();
    followers.forEach(f -> c.crash((int) f.id()));
    assertThat(c.propose(leader, "needs-a-voter")).isTrue();
    c.run(100);
    assertThat(learner.appliedNormal()).noneMatch(e -> new String(e.data()).equals("needs-a-voter"));
    followers.forEach(f -> c.restart((int) f.id()));
    assertThat(c.runUntil(() -> learner.appliedNormal().stream()
        .anyMatch(e -> new String(e.data()).equals("needs-a-voter")), 300)).isTrue();

    // Promoted, it votes and counts: the cluster now has four voters.
    assertThat(c.runUntil(() -> c.promote(learner.id()), 100)).isTrue();
    assertThat(c.runUntil(() -> c.nodes().stream()
        .allMatch(n -> n.raft().confState().voters().contains(learner.id())), 300)).isTrue();
    assertThat(learner.raft().isLearner(learner.id())).isFalse();
    c.checkLogMatching();
  }

  @Test
  void aRemovedLeaderStepsDownAndTheOthersCarryOn() throws Exception {
    SimCluster c = cluster(22, 3);
    SimNode old = c.leader();
    c.removeMember((int) old.id());
    assertThat(c.runUntil(() -> c.leader() != null && c.leader() != old, 100)).isTrue();
    assertThat(old.raft().status().role()).isEqualTo(StateRole.FOLLOWER);
    SimNode next = c.leader();
    assertThat(next.raft().confState().voters()).doesNotContain(old.id()).hasSize(2);
    long before = next.raft().status().commit();
    c.run(100);
    assertThat(next.raft().status().commit()).isGreaterThan(before);
    assertThat(old.isLeader()).isFalse();
    c.checkLogMatching();
  }
}
