package io.etcdj.raft;

import static io.etcdj.raft.TestMember.config;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link RaftNode#forgetLeader()}: a follower that knows its leader is gone gives up the leader's
 * lease, so under pre-vote and check-quorum a quorum of such followers elects a new leader with
 * no election timeout, while one follower alone cannot disrupt a leader the others still hear.
 */
class ForgetLeaderTest {
  /** Three members with pre-vote and check-quorum; node 1 leads; nobody has ticked. */
  private static TestNetwork cluster() {
    TestNetwork net = new TestNetwork();
    for (long id = 1; id <= 3; id++) {
      net.add(TestMember.bootstrap(config(id, true, true), 1, 2, 3));
    }
    net.settle();
    net.member(1).node.campaign();
    net.settle();
    assertThat(net.leader()).isSameAs(net.member(1));
    assertThat(net.member(2).status().leaderId()).isEqualTo(1);
    assertThat(net.member(3).status().leaderId()).isEqualTo(1);
    return net;
  }

  @Test
  void followersThatForgetADeadLeaderElectOneOfThemAtOnce() {
    TestNetwork net = cluster();
    long term = net.member(1).status().term();
    net.isolate(1);
    net.member(2).node.forgetLeader();
    net.member(3).node.forgetLeader();
    net.member(2).node.campaign();
    net.settle(); // no tick: node 3 did not wait out an election timeout to grant its votes
    assertThat(net.member(2).status().role()).isEqualTo(StateRole.LEADER);
    assertThat(net.member(2).status().term()).isEqualTo(term + 1);
    assertThat(net.member(3).status().leaderId()).isEqualTo(2);
  }

  @Test
  void withoutForgettingTheFollowersLeaseRefusesTheSameCampaign() {
    TestNetwork net = cluster();
    long term = net.member(1).status().term();
    net.isolate(1);
    net.member(2).node.forgetLeader(); // node 3 still holds its lease on node 1
    net.member(2).node.campaign();
    net.settle();
    assertThat(net.member(2).status().role()).isEqualTo(StateRole.PRE_CANDIDATE);
    assertThat(net.member(3).status().leaderId()).isEqualTo(1);
    assertThat(net.member(3).status().term()).isEqualTo(term);
  }

  @Test
  void aHealthyLeaderIsNotDisruptedWhenOnlyOneFollowerForgetsIt() {
    TestNetwork net = cluster();
    TestMember leader = net.member(1);
    long term = leader.status().term();
    net.member(2).node.forgetLeader();
    net.member(2).node.campaign();
    net.settle();
    assertThat(leader.status().role()).isEqualTo(StateRole.LEADER);
    assertThat(leader.status().term()).isEqualTo(term);
    assertThat(net.member(3).status().leaderId()).isEqualTo(1);
    net.tick(1, 1); // the next heartbeat brings the forgetful follower back
    assertThat(net.member(2).status().role()).isEqualTo(StateRole.FOLLOWER);
    assertThat(net.member(2).status().leaderId()).isEqualTo(1);
    assertThat(net.member(2).status().term()).isEqualTo(term);
  }

  @Test
  void forgettingKeepsTermAndRoleAndStartsNoCampaign() {
    TestNetwork net = cluster();
    TestMember f = net.member(2);
    RaftStatus before = f.status();
    f.node.forgetLeader();
    assertThat(f.status().leaderId()).isZero();
    assertThat(f.status().term()).isEqualTo(before.term());
    assertThat(f.status().role()).isEqualTo(StateRole.FOLLOWER);
    assertThat(f.drive()).isEmpty();
  }

  @Test
  void forgetLeaderIsANoOpOnALeaderOrACandidate() {
    TestNetwork net = cluster();
    TestMember leader = net.member(1);
    leader.node.forgetLeader();
    assertThat(leader.status().leaderId()).isEqualTo(1);
    assertThat(leader.status().role()).isEqualTo(StateRole.LEADER);

    TestMember candidate = TestMember.withLog(config(1), java.util.List.of(1L, 2L, 3L), 1, 1);
    candidate.node.campaign();
    RaftStatus before = candidate.status();
    candidate.node.forgetLeader();
    assertThat(candidate.status()).isEqualTo(before);
  }
}
