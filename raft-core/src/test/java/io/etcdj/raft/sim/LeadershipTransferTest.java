package io.etcdj.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.raft.ProposalDroppedException;
import io.etcdj.raft.StateRole;
import org.junit.jupiter.api.Test;

class LeadershipTransferTest {
  private static SimCluster cluster(long seed, boolean preVote, boolean checkQuorum) {
    SimCluster c = new SimCluster(seed, new SimCluster.Options(3, preVote, checkQuorum, 20), "seed=" + seed);
    assertThat(c.runUntil(() -> c.leader() != null, 200)).isTrue();
    c.run(100);
    return c;
  }

  @Test
  void leaderHandsOverToAnUpToDateFollowerEvenUnderCheckQuorumLeases() {
    SimCluster c = cluster(11, true, true);
    SimNode old = c.leader();
    long term = old.raft().status().term();
    SimNode target = c.nodes().stream().filter(n -> n != old).findFirst().orElseThrow();
    old.raft().transferLeadership(target.id());
    assertThat(c.runUntil(() -> target.isLeader(), 100)).isTrue();
    assertThat(target.raft().status().term()).isEqualTo(term + 1);
    assertThat(old.raft().status().role()).isEqualTo(StateRole.FOLLOWER);
  }

  @Test
  void proposalsAreDroppedWhileATransferIsInFlight() {
    SimCluster c = cluster(12, false, false);
    SimNode old = c.leader();
    SimNode target = c.nodes().stream().filter(n -> n != old).findFirst().orElseThrow();
    c.crash((int) target.id()); // the transfer cannot complete
    old.raft().transferLeadership(target.id());
    assertThatThrownBy(() -> old.raft().propose("x".getBytes()))
        .isInstanceOf(ProposalDroppedException.class);
    // Abandoned after an election timeout: the leader takes proposals again.
    c.run(25);
    assertThat(old.isLeader()).isTrue();
    assertThat(c.propose(old, "after")).isTrue();
  }

  @Test
  void transferRequestedAtAFollowerIsForwardedToTheLeader() {
    SimCluster c = cluster(13, false, true);
    SimNode leader = c.leader();
    SimNode target = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    target.raft().transferLeadership(target.id());
    assertThat(c.runUntil(() -> target.isLeader(), 100)).isTrue();
  }
}
