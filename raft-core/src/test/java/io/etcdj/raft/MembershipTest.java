package io.etcdj.raft;

import static io.etcdj.raft.TestMember.config;
import static io.etcdj.raft.TestMember.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a leader does when the configuration it applies changes: new members, its own removal. */
class MembershipTest {
  private static ConfChange change(ConfChange.ConfChangeType type, long id) {
    return new ConfChange(type, id, new byte[0]);
  }

  private static TestMember singleVoterLeader() {
    TestMember l = TestMember.bootstrap(config(1), 1);
    l.drive();
    l.node.campaign();
    l.drive();
    return l;
  }

  @Test
  void aLeaderProbesANewVoterAsSoonAsItAppliesItsAddition() throws Exception {
    TestMember l = singleVoterLeader();
    l.node.proposeConfChange(change(ConfChange.ConfChangeType.ADD_NODE, 2));
    List<Message> out = l.drive(); // no tick: no heartbeat could have prompted it
    assertThat(ofType(out, MessageType.APP)).singleElement().satisfies(a -> {
      assertThat(a.to()).isEqualTo(2);
      assertThat(a.index()).isEqualTo(l.storage.lastIndex());
    });
    assertThat(ofType(out, MessageType.HEARTBEAT)).isEmpty();
  }

  @Test
  void aLeaderProbesANewLearnerAsSoonAsItAppliesItsAddition() throws Exception {
    TestMember l = singleVoterLeader();
    l.node.proposeConfChange(change(ConfChange.ConfChangeType.ADD_LEARNER_NODE, 5));
    assertThat(ofType(l.drive(), MessageType.APP)).extracting(Message::to).containsExactly(5L);
  }

  private static TestNetwork threeNodeCluster() {
    TestNetwork net = new TestNetwork();
    for (long id = 1; id <= 3; id++) {
      net.add(TestMember.bootstrap(config(id, true, true), 1, 2, 3));
    }
    net.settle();
    net.member(1).node.campaign();
    net.settle();
    assertThat(net.leader()).isSameAs(net.member(1));
    return net;
  }

  @Test
  void aLeaderThatAppliesItsOwnRemovalStepsDownAndHandsOverAtOnce() throws Exception {
    TestNetwork net = threeNodeCluster();
    TestMember old = net.member(1);
    long term = old.status().term();
    old.node.proposeConfChange(change(ConfChange.ConfChangeType.REMOVE_NODE, 1));
    net.settle();
    assertThat(old.status().role()).isEqualTo(StateRole.FOLLOWER);
    assertThat(old.node.confState().voters()).containsExactly(2L, 3L);
    // The most caught-up remaining voter was told to take over: no election timeout was waited.
    TestMember next = net.leader();
    assertThat(next).isNotNull().isNotSameAs(old);
    assertThat(next.status().term()).isEqualTo(term + 1);
    assertThat(next.node.confState().voters()).containsExactly(2L, 3L);
    // The removed node neither heartbeats nor campaigns, however long it waits.
    int before = net.delivered.size();
    for (int i = 0; i < 100; i++) {
      old.node.tick();
    }
    List<Message> out = old.drive();
    assertThat(out).noneMatch(m -> m.type() == MessageType.HEARTBEAT || m.type() == MessageType.APP
        || m.type() == MessageType.PRE_VOTE || m.type() == MessageType.VOTE);
    assertThat(net.delivered.size()).isEqualTo(before);
    next.node.propose("after".getBytes());
    net.settle();
    assertThat(net.member(2).applied).anyMatch(e -> new String(e.data()).equals("after"));
    assertThat(net.member(3).applied).anyMatch(e -> new String(e.data()).equals("after"));
  }

  @Test
  void aRemovedLeaderWhoseFollowersLagStillStepsDown() throws Exception {
    TestNetwork net = threeNodeCluster();
    TestMember old = net.member(1);
    old.node.proposeConfChange(change(ConfChange.ConfChangeType.REMOVE_NODE, 1));
    old.drive(); // appended, not yet acknowledged
    // Acknowledged by node 2 only, and committed; node 2 has not heard the commit index yet.
    Message ack = MessageBuilder.of(MessageType.APP_RESP, 1).from(2).term(old.status().term())
        .index(old.storage.lastIndex()).build();
    old.node.step(ack);
    old.node.propose("one more".getBytes()); // node 2 will not hold the whole log
    List<Message> out = old.drive();
    assertThat(old.status().role()).isEqualTo(StateRole.FOLLOWER);
    assertThat(ofType(out, MessageType.TIMEOUT_NOW)).isEmpty();
    assertThat(ofType(out, MessageType.APP)).isNotEmpty(); // the commit index goes out first
  }
}
