package io.etcdj.raft;

import static io.etcdj.raft.TestMember.config;
import static io.etcdj.raft.TestMember.msg;
import static io.etcdj.raft.TestMember.ofType;
import static io.etcdj.raft.TestMember.peers;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Learners (etcd's non-voting members): replicated to like followers, but no campaign, no vote
 * that counts, and no part of any quorum: commit, elections, check-quorum, ReadIndex.
 */
class LearnerTest {
  /** Voters 1, 2, 3 and learner 4. */
  private static final ConfState WITH_LEARNER = new ConfState(List.of(1L, 2L, 3L), List.of(4L));

  private static ConfChange change(ConfChange.ConfChangeType type, long id) {
    return new ConfChange(type, id, new byte[0]);
  }

  private static TestMember leaderWithLearner(RaftConfig c) {
    TestMember l = TestMember.withLog(c, WITH_LEARNER, 1, 1);
    l.node.campaign();
    l.drive();
    l.node.step(msg(MessageType.VOTE_RESP, 2, 1, 2));
    assertThat(l.status().role()).isEqualTo(StateRole.LEADER);
    l.drive();
    return l;
  }

  private static Message ack(long from, long term, long index) {
    return MessageBuilder.of(MessageType.APP_RESP, 1).from(from).term(term).index(index).build();
  }

  @Test
  void addLearnerNodeAddsAMemberThatDoesNotVote() throws Exception {
    TestMember l = TestMember.bootstrap(config(1), 1);
    l.drive();
    l.node.campaign();
    l.drive();
    l.node.proposeConfChange(change(ConfChange.ConfChangeType.ADD_LEARNER_NODE, 2));
    l.drive();
    assertThat(l.node.confState()).isEqualTo(new ConfState(List.of(1L), List.of(2L)));
    assertThat(l.storage.initialState().confState().learners()).containsExactly(2L);
    assertThat(l.node.isLearner(2)).isTrue();
    assertThat(l.node.isLearner(1)).isFalse();
    // A single voter still commits alone: the learner is not part of the quorum.
    l.node.propose("x".getBytes());
    l.drive();
    assertThat(l.status().commit()).isEqualTo(l.storage.lastIndex());
  }

  @Test
  void learnersReceiveAppendsButTheirAcknowledgementsDoNotCommit() {
    TestMember l = leaderWithLearner(config(1));
    // The new leader's empty entry went to the voters and to the learner alike.
    assertThat(ofType(l.readys.get(l.readys.size() - 1).messages(), MessageType.APP))
        .extracting(Message::to).containsExactly(2L, 3L, 4L);
    l.node.step(ack(4, 2, 2));
    l.drive();
    l.node.step(ack(3, 2, 1)); // a voter, but below the entry to commit
    l.drive();
    assertThat(l.status().commit()).isZero();
    l.node.step(ack(2, 2, 2));
    l.drive();
    assertThat(l.status().commit()).isEqualTo(2);
  }

  @Test
  void aSingleVoterLeaderReplicatesEverythingToItsLearner() throws Exception {
    TestMember leader = TestMember.bootstrap(config(1), List.of(peers(1)), List.of(peers(2)));
    TestMember learner = TestMember.bootstrap(config(2), List.of(peers(1)), List.of(peers(2)));
    TestNetwork net = new TestNetwork(leader, learner);
    net.settle();
    leader.node.campaign();
    net.settle();
    leader.node.propose("a".getBytes());
    leader.node.propose("b".getBytes());
    net.settle();
    assertThat(learner.logTerms()).isEqualTo(leader.logTerms());
    assertThat(learner.status().commit()).isEqualTo(leader.status().commit());
    assertThat(learner.applied).extracting(e -> new String(e.data())).contains("a", "b");
    assertThat(learner.node.confState()).isEqualTo(new ConfState(List.of(1L), List.of(2L)));
  }

  @Test
  void aLearnerNeverCampaignsNotOnTimeoutNotOnRequestNotOnTimeoutNow() {
    TestMember learner = TestMember.withLog(TestMember.config(4, true, true), WITH_LEARNER, 1, 1);
    for (int i = 0; i < 100; i++) {
      learner.node.tick();
    }
    learner.node.campaign();
    learner.node.step(msg(MessageType.TIMEOUT_NOW, 1, 4, 1));
    List<Message> out = learner.drive();
    assertThat(out).noneMatch(m -> m.type() == MessageType.VOTE || m.type() == MessageType.PRE_VOTE);
    assertThat(learner.status().role()).isEqualTo(StateRole.FOLLOWER);
    assertThat(learner.status().term()).isEqualTo(1);
  }

  @Test
  void aCandidateAsksOnlyVotersAndDoesNotCountALearnersVote() {
    TestMember c = TestMember.withLog(config(1), WITH_LEARNER, 1, 1);
    c.node.campaign();
    assertThat(ofType(c.drive(), MessageType.VOTE)).extracting(Message::to).containsExactly(2L, 3L);
    c.node.step(msg(MessageType.VOTE_RESP, 4, 1, 2));
    assertThat(c.status().role()).isEqualTo(StateRole.CANDIDATE);
    c.node.step(msg(MessageType.VOTE_RESP, 2, 1, 2));
    assertThat(c.status().role()).isEqualTo(StateRole.LEADER);
  }

  @Test
  void aLearnerAnswersVoteRequestsBecauseItMayHaveBeenPromotedWithoutKnowingIt() {
    // Voters {1,2} and learner 3; the entry promoting 3 is in every log but 3 has not seen it
    // committed. Leader 1 dies. Node 2 applied the promotion and needs 3's vote to win; were
    // learners to refuse, the cluster would wait for node 1 to come back.
    ConfState beforePromotion = new ConfState(List.of(1L, 2L), List.of(3L));
    TestMember learner = TestMember.withLog(config(3), beforePromotion, 1, 1, 1);
    learner.node.step(MessageBuilder.of(MessageType.VOTE, 3).from(2).term(2).index(2).logTerm(1).build());
    assertThat(ofType(learner.drive(), MessageType.VOTE_RESP)).singleElement()
        .satisfies(r -> assertThat(r.reject()).isFalse());
  }

  @Test
  void checkQuorumCountsVotersOnly() {
    TestMember l = leaderWithLearner(config(1, false, true));
    for (int i = 0; i < 30 && l.status().role() == StateRole.LEADER; i++) {
      l.node.tick();
      l.node.step(MessageBuilder.of(MessageType.HEARTBEAT_RESP, 1).from(4).term(2).build());
      l.drive();
    }
    assertThat(l.status().role()).isEqualTo(StateRole.FOLLOWER);

    TestMember kept = leaderWithLearner(config(1, false, true));
    for (int i = 0; i < 30; i++) {
      kept.node.tick();
      kept.node.step(MessageBuilder.of(MessageType.HEARTBEAT_RESP, 1).from(2).term(2).build());
      kept.drive();
    }
    assertThat(kept.status().role()).isEqualTo(StateRole.LEADER);
  }

  @Test
  void readIndexWaitsForAQuorumOfVotersNotOfMembers() {
    TestMember l = leaderWithLearner(config(1));
    l.node.step(ack(2, 2, 2));
    l.drive();
    l.node.readIndex("r".getBytes());
    assertThat(ofType(l.drive(), MessageType.HEARTBEAT)).extracting(Message::to).containsExactly(2L, 3L, 4L);
    l.node.step(MessageBuilder.of(MessageType.HEARTBEAT_RESP, 1).from(4).term(2).context("r".getBytes()).build());
    l.drive();
    assertThat(l.reads).isEmpty();
    l.node.step(MessageBuilder.of(MessageType.HEARTBEAT_RESP, 1).from(3).term(2).context("r".getBytes()).build());
    l.drive();
    assertThat(l.reads).extracting(ReadState::index).containsExactly(2L);
  }

  @Test
  void leadershipIsNeverTransferredToALearner() throws Exception {
    TestMember l = leaderWithLearner(config(1));
    l.node.step(ack(4, 2, 2));
    l.drive();
    l.node.transferLeadership(4);
    assertThat(ofType(l.drive(), MessageType.TIMEOUT_NOW)).isEmpty();
    l.node.propose("still taking proposals".getBytes());
  }

  @Test
  void addNodeOnALearnerPromotesItAndKeepsItsProgress() {
    TestMember l = leaderWithLearner(config(1));
    l.node.step(ack(4, 2, 2));
    l.drive();
    ConfState cs = l.node.applyConfChange(change(ConfChange.ConfChangeType.ADD_NODE, 4));
    assertThat(cs).isEqualTo(new ConfState(List.of(1L, 2L, 3L, 4L), List.of()));
    assertThat(l.status().progress().get(4L)).satisfies(p -> {
      assertThat(p.learner()).isFalse();
      assertThat(p.match()).isEqualTo(2);
      assertThat(p.state()).isEqualTo("replicate");
    });
  }

  @Test
  void removeNodeRemovesALearnerAndAddLearnerDoesNotDemoteAVoter() {
    TestMember l = leaderWithLearner(config(1));
    assertThat(l.node.applyConfChange(change(ConfChange.ConfChangeType.ADD_LEARNER_NODE, 2)))
        .isEqualTo(WITH_LEARNER);
    assertThat(l.node.applyConfChange(change(ConfChange.ConfChangeType.REMOVE_NODE, 4)))
        .isEqualTo(new ConfState(List.of(1L, 2L, 3L)));
    assertThat(l.status().progress()).containsOnlyKeys(2L, 3L);
  }

  @Test
  void bootstrapWritesAnAddLearnerEntryPerLearner() {
    TestMember m = TestMember.bootstrap(config(1), List.of(peers(1, 2)), List.of(peers(3)));
    Ready rd = m.node.ready();
    assertThat(rd.entries()).extracting(e -> ConfChange.decode(e.data()).type()).containsExactly(
        ConfChange.ConfChangeType.ADD_NODE, ConfChange.ConfChangeType.ADD_NODE,
        ConfChange.ConfChangeType.ADD_LEARNER_NODE);
    assertThat(m.node.confState()).isEqualTo(new ConfState(List.of(1L, 2L), List.of(3L)));
  }

  @Test
  void aRestartKeepsTheLearnersOfThePersistedConfiguration() {
    TestMember m = TestMember.withLog(config(4), WITH_LEARNER, 1, 1);
    assertThat(m.node.confState()).isEqualTo(WITH_LEARNER);
    assertThat(m.node.isLearner(4)).isTrue();
  }

  @Test
  void aSnapshotInstallsItsConfigurationLearnersIncluded() {
    TestMember f = TestMember.withLog(config(4), new ConfState(List.of(1L, 2L, 3L)), 1, 1);
    Snapshot snap = new Snapshot(new SnapshotMetadata(10, 2, WITH_LEARNER), "s".getBytes());
    f.node.step(MessageBuilder.of(MessageType.SNAP, 4).from(1).term(2).snapshot(snap).build());
    f.drive();
    assertThat(f.node.confState()).isEqualTo(WITH_LEARNER);
    assertThat(f.node.isLearner(4)).isTrue();
    for (int i = 0; i < 100; i++) {
      f.node.tick();
    }
    assertThat(ofType(f.drive(), MessageType.VOTE)).isEmpty();
  }
}
