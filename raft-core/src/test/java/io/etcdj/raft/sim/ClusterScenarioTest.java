package io.etcdj.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.raft.StateRole;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stories of a simulated cluster, each from a fixed seed. */
class ClusterScenarioTest {
  private static SimCluster cluster(long seed, int size, boolean preVote, boolean checkQuorum) {
    return new SimCluster(seed, new SimCluster.Options(size, preVote, checkQuorum, 30), "seed=" + seed);
  }

  @Test
  void threeNodesElectOneLeaderAndReplicateEveryProposal() {
    SimCluster c = cluster(1, 3, false, false);
    assertThat(c.runUntil(() -> c.leader() != null, 200)).isTrue();
    c.run(500);
    long applied = c.checker().highestApplied();
    assertThat(applied).isGreaterThan(100);
    assertThat(c.checker().readsAnswered()).isGreaterThan(50);
    assertThat(c.runUntil(() -> c.nodes().stream().allMatch(n -> n.appliedIndex() >= applied), 100)).isTrue();
    c.checkLogMatching();
  }

  @Test
  void lossyReorderingNetworkStillCommits() {
    SimCluster c = cluster(2, 5, true, true);
    c.network().setLossPercent(20);
    c.network().setMaxDelaySteps(6);
    c.run(1500);
    assertThat(c.checker().highestApplied()).isGreaterThan(50);
    c.checkLogMatching();
  }

  @Test
  void laggingFollowerCatchesUpFromSnapshotAfterCompaction() {
    SimCluster c = cluster(3, 3, false, false);
    assertThat(c.runUntil(() -> c.leader() != null, 200)).isTrue();
    SimNode leader = c.leader();
    SimNode lagging = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    c.crash((int) lagging.id());
    c.run(400);
    for (SimNode n : c.nodes()) {
      c.compact((int) n.id());
    }
    long compactedTo = leader.storage().firstIndex() - 1;
    assertThat(compactedTo).isGreaterThan(lagging.storage().lastIndex());
    c.restart((int) lagging.id());
    assertThat(c.runUntil(() -> lagging.appliedIndex() >= compactedTo, 500)).isTrue();
    assertThat(lagging.storage().snapshot().metadata().index()).isGreaterThanOrEqualTo(compactedTo);
    c.checkLogMatching();
  }

  @Test
  void minorityPartitionCannotCommitAndRejoinsAfterHeal() {
    SimCluster c = cluster(4, 5, true, true);
    assertThat(c.runUntil(() -> c.leader() != null, 200)).isTrue();
    int leaderBit = 1 << (c.leader().id() - 1);
    int otherBit = leaderBit == 1 ? 2 : 1;
    c.network().partition(leaderBit | otherBit); // old leader and one follower: a minority
    c.run(300);
    SimNode newLeader = c.leader();
    assertThat(newLeader).isNotNull();
    assertThat((1 << (newLeader.id() - 1)) & (leaderBit | otherBit)).isZero();
    c.network().heal();
    c.run(300);
    long applied = c.checker().highestApplied();
    assertThat(c.runUntil(() -> c.nodes().stream().allMatch(n -> n.appliedIndex() >= applied), 300)).isTrue();
    c.checkLogMatching();
  }

  @Test
  void checkQuorumMakesAnIsolatedLeaderStepDown() {
    SimCluster c = cluster(5, 3, false, true);
    assertThat(c.runUntil(() -> c.leader() != null, 200)).isTrue();
    SimNode old = c.leader();
    c.network().partition(1 << (old.id() - 1));
    c.run(100);
    assertThat(old.raft().status().role()).isNotEqualTo(StateRole.LEADER);
  }

  @Test
  void preVoteKeepsARejoiningPartitionedNodeFromDisruptingTheLeader() {
    SimCluster c = cluster(6, 3, true, true);
    assertThat(c.runUntil(() -> c.leader() != null, 200)).isTrue();
    SimNode leader = c.leader();
    long term = leader.raft().status().term();
    SimNode other = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    c.network().partition(1 << (other.id() - 1));
    c.run(200);
    c.network().heal();
    c.run(200);
    assertThat(c.leader()).isSameAs(leader);
    assertThat(leader.raft().status().term()).isEqualTo(term);
  }

  @Test
  void newMemberJoinsCatchesUpAndVotes() throws Exception {
    SimCluster c = cluster(7, 3, true, true);
    assertThat(c.runUntil(() -> c.leader() != null, 200)).isTrue();
    c.run(200);
    SimNode joiner = c.addMember();
    assertThat(c.runUntil(() -> joiner.raft().confState().voters().contains(4L), 300)).isTrue();
    assertThat(c.leader().raft().confState().voters()).containsExactly(1L, 2L, 3L, 4L);
    long applied = c.checker().highestApplied();
    assertThat(c.runUntil(() -> joiner.appliedIndex() >= applied, 300)).isTrue();
    // With four voters, losing two members halts progress: the joiner counts toward quorum.
    SimNode leader = c.leader();
    List<SimNode> others = c.nodes().stream().filter(n -> n != leader && n != joiner).toList();
    c.crash((int) others.get(0).id());
    c.crash((int) others.get(1).id());
    assertThat(c.propose(leader, "needs-three")).isTrue();
    c.run(100);
    assertThat(c.nodes()).noneMatch(n -> n.appliedNormal().stream()
        .anyMatch(e -> new String(e.data()).equals("needs-three")));
    c.restart((int) others.get(0).id());
    assertThat(c.runUntil(() -> joiner.appliedNormal().stream()
        .anyMatch(e -> new String(e.data()).equals("needs-three")), 300)).isTrue();
    c.checkLogMatching();
  }

  @Test
  void removedMemberNoLongerCountsTowardsQuorum() throws Exception {
    SimCluster c = cluster(8, 3, false, false);
    assertThat(c.runUntil(() -> c.leader() != null, 200)).isTrue();
    SimNode leader = c.leader();
    SimNode removed = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    c.removeMember((int) removed.id());
    assertThat(c.runUntil(() -> leader.raft().confState().voters().size() == 2, 200)).isTrue();
    c.crash((int) removed.id());
    long before = leader.raft().status().commit();
    c.run(100);
    assertThat(leader.raft().status().commit()).isGreaterThan(before);
  }

  @Test
  void sameSeedReplaysTheSameRun() {
    List<Fault.Timed> faults = List.of(new Fault.Timed(100, new Fault.Partition(3)),
        new Fault.Timed(300, new Fault.Crash(2)), new Fault.Timed(500, new Fault.Heal()),
        new Fault.Timed(600, new Fault.Compact(1)), new Fault.Timed(700, new Fault.Restart(2)));
    SimCluster a = ScheduledRun.run(42, new SimCluster.Options(5, true, true, 30), faults);
    SimCluster b = ScheduledRun.run(42, new SimCluster.Options(5, true, true, 30), faults);
    for (int i = 1; i <= 5; i++) {
      assertThat(b.node(i).stateHash()).isEqualTo(a.node(i).stateHash());
      assertThat(b.node(i).appliedIndex()).isEqualTo(a.node(i).appliedIndex());
      assertThat(b.node(i).raft().status()).isEqualTo(a.node(i).raft().status());
    }
    assertThat(a.now()).isEqualTo(b.now());
  }
}
