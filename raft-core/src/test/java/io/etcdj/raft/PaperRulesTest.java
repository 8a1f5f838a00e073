package io.etcdj.raft;

import static io.etcdj.raft.TestMember.config;
import static io.etcdj.raft.TestMember.msg;
import static io.etcdj.raft.TestMember.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of the Raft paper (figure 2 and §5), one test each, on single nodes fed messages. */
class PaperRulesTest {
  private static final List<Long> THREE = List.of(1L, 2L, 3L);

  private static Message vote(long from, long to, long term, long lastIndex, long lastTerm) {
    return MessageBuilder.of(MessageType.VOTE, to).from(from).term(term).index(lastIndex)
        .logTerm(lastTerm).build();
  }

  private static Message append(long from, long to, long term, long prevIndex, long prevTerm,
                                long commit, Entry... entries) {
    return MessageBuilder.of(MessageType.APP, to).from(from).term(term).index(prevIndex)
        .logTerm(prevTerm).commit(commit).entries(List.of(entries)).build();
  }

  private static Entry entry(long term, long index) {
    return new Entry(term, index, EntryType.NORMAL, ("n" + index + "t" + term).getBytes());
  }

  /** Makes node 1 leader of term+1 over a log with {@code entryTerms}, with node 2's vote. */
  private static TestMember leader(long term, long... entryTerms) {
    TestMember l = TestMember.withLog(config(1), THREE, term, entryTerms);
    l.node.campaign();
    l.drive();
    l.node.step(msg(MessageType.VOTE_RESP, 2, 1, term + 1));
    assertThat(l.status().role()).isEqualTo(StateRole.LEADER);
    return l;
  }

  @Test
  void followerGrantsAtMostOneVotePerTerm() {
    TestMember f = TestMember.withLog(config(1), THREE, 1, 1);
    f.node.step(vote(2, 1, 2, 1, 1));
    f.node.step(vote(3, 1, 2, 1, 1));
    f.node.step(vote(2, 1, 2, 1, 1)); // a retransmission gets the same answer
    List<Message> resps = ofType(f.drive(), MessageType.VOTE_RESP);
    assertThat(resps).extracting(Message::to).containsExactly(2L, 3L, 2L);
    assertThat(resps).extracting(Message::reject).containsExactly(false, true, false);
    assertThat(f.storage.initialState().hardState().vote()).isEqualTo(2);
  }

  @Test
  void voterRejectsCandidateWhoseLogIsLessUpToDate() {
    TestMember f = TestMember.withLog(config(1), THREE, 2, 1, 2);
    f.node.step(vote(2, 1, 3, 5, 1)); // longer log but older last term
    f.node.step(vote(2, 1, 3, 1, 2)); // same last term but shorter
    f.node.step(vote(2, 1, 3, 2, 2)); // as up to date: granted
    List<Message> resps = ofType(f.drive(), MessageType.VOTE_RESP);
    assertThat(resps).extracting(Message::reject).containsExactly(true, true, false);
  }

  @Test
  void candidateBecomesLeaderOnMajorityAndAppendsAnEmptyEntryOfItsTerm() {
    TestMember c = TestMember.withLog(config(1), THREE, 1, 1);
    c.node.campaign();
    List<Message> votes = ofType(c.drive(), MessageType.VOTE);
    assertThat(votes).extracting(Message::to).containsExactly(2L, 3L);
    assertThat(votes).allSatisfy(v -> {
      assertThat(v.term()).isEqualTo(2);
      assertThat(v.index()).isEqualTo(1);
      assertThat(v.logTerm()).isEqualTo(1);
    });
    assertThat(c.status().role()).isEqualTo(StateRole.CANDIDATE);
    c.node.step(msg(MessageType.VOTE_RESP, 2, 1, 2));
    assertThat(c.status().role()).isEqualTo(StateRole.LEADER);
    c.drive();
    Entry last = c.storage.entries(2, 3, Long.MAX_VALUE).get(0);
    assertThat(last.term()).isEqualTo(2);
    assertThat(last.data()).isEmpty();
  }

  @Test
  void candidateLosesWhenAMajorityRejects() {
    TestMember c = TestMember.withLog(config(1), THREE, 1, 1);
    c.node.campaign();
    c.node.step(MessageBuilder.of(MessageType.VOTE_RESP, 1).from(2).term(2).reject(true).build());
    c.node.step(MessageBuilder.of(MessageType.VOTE_RESP, 1).from(3).term(2).reject(true).build());
    assertThat(c.status().role()).isEqualTo(StateRole.FOLLOWER);
  }

  @Test
  void candidateStepsDownOnAppendFromALeaderOfItsTerm() {
    TestMember c = TestMember.withLog(config(1), THREE, 1, 1);
    c.node.campaign();
    c.node.step(append(2, 1, 2, 1, 1, 0));
    assertThat(c.status().role()).isEqualTo(StateRole.FOLLOWER);
    assertThat(c.status().leaderId()).isEqualTo(2);
  }

  @Test
  void anyNodeSeeingAHigherTermAdoptsItAndBecomesFollower() {
    TestMember l = leader(1, 1);
    l.node.step(append(3, 1, 7, 2, 2, 0));
    assertThat(l.status().term()).isEqualTo(7);
    assertThat(l.status().role()).isEqualTo(StateRole.FOLLOWER);
    assertThat(l.status().leaderId()).isEqualTo(3);
  }

  @Test
  void followerIgnoresMessagesWithAStaleTerm() {
    TestMember f = TestMember.withLog(config(1), THREE, 3, 1);
    f.node.step(append(2, 1, 2, 1, 1, 1, entry(2, 2)));
    assertThat(f.drive()).isEmpty();
    assertThat(f.storage.lastIndex()).isEqualTo(1);
    assertThat(f.status().term()).isEqualTo(3);
  }

  @Test
  void followerAnswersAStaleLeaderWithItsTermUnderCheckQuorum() {
    TestMember f = TestMember.withLog(config(1, false, true), THREE, 3, 1);
    f.node.step(append(2, 1, 2, 1, 1, 1, entry(2, 2)));
    List<Message> out = f.drive();
    assertThat(out).singleElement().satisfies(m -> {
      assertThat(m.type()).isEqualTo(MessageType.APP_RESP);
      assertThat(m.term()).isEqualTo(3);
    });
    assertThat(f.storage.lastIndex()).isEqualTo(1);
  }

  @Test
  void followerRejectsAppendWhosePreviousEntryDoesNotMatch() {
    TestMember f = TestMember.withLog(config(1), THREE, 2, 1, 1);
    f.node.step(append(2, 1, 2, 2, 2, 0, entry(2, 3))); // term at 2 differs
    f.node.step(append(2, 1, 2, 4, 2, 0, entry(2, 5))); // we have no entry 4
    List<Message> resps = ofType(f.drive(), MessageType.APP_RESP);
    assertThat(resps).allSatisfy(r -> {
      assertThat(r.reject()).isTrue();
      assertThat(r.rejectHint()).isEqualTo(2);
    });
    assertThat(f.storage.lastIndex()).isEqualTo(2);
  }

  @Test
  void followerReplacesAConflictingSuffixAndKeepsTheMatchingPrefix() {
    TestMember f = TestMember.withLog(config(1), THREE, 2, 1, 1, 1);
    f.node.step(append(2, 1, 2, 1, 1, 0, entry(2, 2), entry(2, 3), entry(2, 4)));
    List<Message> resps = ofType(f.drive(), MessageType.APP_RESP);
    assertThat(resps).singleElement().satisfies(r -> {
      assertThat(r.reject()).isFalse();
      assertThat(r.index()).isEqualTo(4);
    });
    assertThat(f.storage.entries(1, 5, Long.MAX_VALUE)).extracting(Entry::term)
        .containsExactly(1L, 2L, 2L, 2L);
  }

  @Test
  void staleDuplicateAppendDoesNotTruncateLaterEntries() {
    TestMember f = TestMember.withLog(config(1), THREE, 1, 1, 1, 1);
    f.node.step(append(2, 1, 1, 0, 0, 0, new Entry(1, 1, EntryType.NORMAL, "e1".getBytes())));
    f.drive();
    assertThat(f.storage.lastIndex()).isEqualTo(3);
  }

  @Test
  void followerCommitsUpToTheLeadersCommitButNotBeyondWhatItHolds() {
    TestMember f = TestMember.withLog(config(1), THREE, 2, 1);
    f.node.step(append(2, 1, 2, 1, 1, 10, entry(2, 2)));
    f.drive();
    assertThat(f.status().commit()).isEqualTo(2);
    assertThat(f.applied).extracting(Entry::index).containsExactly(1L, 2L);
  }

  @Test
  void leaderCommitsOnlyEntriesOfItsCurrentTermByCountingReplicas() {
    TestMember l = leader(2, 1, 2); // entries of terms 1, 2; leader of term 3 appends index 3
    l.drive();
    // A majority (leader + node 2) holds index 2, but it is from term 2: not committable yet.
    l.node.step(MessageBuilder.of(MessageType.APP_RESP, 1).from(2).term(3).index(2).build());
    l.drive();
    assertThat(l.status().commit()).isZero();
    // Once the entry of term 3 is on a majority, it and everything before it commit.
    l.node.step(MessageBuilder.of(MessageType.APP_RESP, 1).from(2).term(3).index(3).build());
    l.drive();
    assertThat(l.status().commit()).isEqualTo(3);
    assertThat(l.applied).extracting(Entry::index).containsExactly(1L, 2L, 3L);
  }

  @Test
  void heartbeatCommitNeverExceedsWhatTheFollowerIsKnownToHold() {
    TestMember l = leader(1, 1);
    l.drive();
    l.node.step(MessageBuilder.of(MessageType.APP_RESP, 1).from(2).term(2).index(2).build());
    l.drive();
    assertThat(l.status().commit()).isEqualTo(2);
    l.node.tick();
    List<Message> beats = ofType(l.drive(), MessageType.HEARTBEAT);
    assertThat(beats).extracting(Message::to).containsExactly(2L, 3L);
    assertThat(beats).extracting(Message::commit).containsExactly(2L, 0L);
  }

  @Test
  void leaderRetriesWithEarlierEntriesAfterARejectedAppend() {
    TestMember l = leader(1, 1, 1, 1);
    l.drive();
    // Node 3 only has index 1: it rejects the probe at 3 and hints its last index.
    l.node.step(MessageBuilder.of(MessageType.APP_RESP, 1).from(3).term(2).index(3).reject(true)
        .rejectHint(1).build());
    List<Message> apps = ofType(l.drive(), MessageType.APP);
    assertThat(apps).singleElement().satisfies(a -> {
      assertThat(a.to()).isEqualTo(3);
      assertThat(a.index()).isEqualTo(1);
      assertThat(a.entries()).extracting(Entry::index).containsExactly(2L, 3L, 4L);
    });
  }

  @Test
  void followerForwardsProposalsToTheLeader() throws Exception {
    TestMember f = TestMember.withLog(config(1), THREE, 2, 1);
    f.node.step(MessageBuilder.of(MessageType.HEARTBEAT, 1).from(2).term(2).build());
    f.drive();
    f.node.propose("hello".getBytes());
    List<Message> props = ofType(f.drive(), MessageType.PROP);
    assertThat(props).singleElement().satisfies(p -> {
      assertThat(p.to()).isEqualTo(2);
      assertThat(new String(p.entries().get(0).data())).isEqualTo("hello");
    });
  }

  @Test
  void leaderAppendsForwardedProposals() {
    TestMember l = leader(1, 1);
    l.drive();
    l.node.step(MessageBuilder.of(MessageType.PROP, 1).from(2)
        .entries(List.of(new Entry(0, 0, EntryType.NORMAL, "fwd".getBytes()))).build());
    l.drive();
    assertThat(new String(l.storage.entries(3, 4, Long.MAX_VALUE).get(0).data())).isEqualTo("fwd");
  }

  @Test
  void readIndexOnALeaderWaitsForAHeartbeatQuorum() {
    TestMember l = leader(1, 1);
    l.drive();
    l.node.step(MessageBuilder.of(MessageType.APP_RESP, 1).from(2).term(2).index(2).build());
    l.drive();
    l.node.readIndex("r1".getBytes());
    List<Message> beats = ofType(l.drive(), MessageType.HEARTBEAT);
    assertThat(beats).hasSize(2).allSatisfy(b -> assertThat(new String(b.context())).isEqualTo("r1"));
    assertThat(l.reads).isEmpty();
    l.node.step(MessageBuilder.of(MessageType.HEARTBEAT_RESP, 1).from(3).term(2)
        .context("r1".getBytes()).build());
    l.drive();
    assertThat(l.reads).singleElement().satisfies(rs -> {
      assertThat(rs.index()).isEqualTo(2);
      assertThat(new String(rs.requestCtx())).isEqualTo("r1");
    });
  }

  @Test
  void readIndexBeforeTheLeaderCommitsInItsTermIsAnsweredOnceItDoes() {
    TestMember l = leader(1, 1);
    l.drive();
    l.node.readIndex("early".getBytes());
    assertThat(ofType(l.drive(), MessageType.HEARTBEAT)).isEmpty();
    l.node.step(MessageBuilder.of(MessageType.APP_RESP, 1).from(2).term(2).index(2).build());
    List<Message> beats = ofType(l.drive(), MessageType.HEARTBEAT);
    assertThat(beats).isNotEmpty().allSatisfy(b -> assertThat(new String(b.context())).isEqualTo("early"));
    l.node.step(MessageBuilder.of(MessageType.HEARTBEAT_RESP, 1).from(2).term(2)
        .context("early".getBytes()).build());
    l.drive();
    assertThat(l.reads).extracting(ReadState::index).containsExactly(2L);
  }

  @Test
  void followerReadIndexIsForwardedAndAnsweredByTheLeader() {
    TestMember f = TestMember.withLog(config(1), THREE, 2, 1);
    f.node.step(MessageBuilder.of(MessageType.HEARTBEAT, 1).from(2).term(2).build());
    f.drive();
    f.node.readIndex("fr".getBytes());
    assertThat(ofType(f.drive(), MessageType.READ_INDEX)).singleElement()
        .satisfies(m -> assertThat(m.to()).isEqualTo(2));
    f.node.step(MessageBuilder.of(MessageType.READ_INDEX_RESP, 1).from(2).term(2).index(7)
        .context("fr".getBytes()).build());
    f.drive();
    assertThat(f.reads).singleElement().satisfies(rs -> assertThat(rs.index()).isEqualTo(7));
  }

  @Test
  void leaderSendsASnapshotToAFollowerWhoseEntriesWereCompacted() {
    TestMember l = leader(1, 1, 1, 1, 1, 1);
    l.drive();
    Snapshot snap = new Snapshot(new SnapshotMetadata(4, 1, new ConfState(THREE)), "state".getBytes());
    l.storage.compact(snap);
    l.node.step(MessageBuilder.of(MessageType.APP_RESP, 1).from(2).term(2).index(5).reject(true)
        .rejectHint(0).build());
    List<Message> snaps = ofType(l.drive(), MessageType.SNAP);
    assertThat(snaps).singleElement().satisfies(m -> {
      assertThat(m.to()).isEqualTo(2);
      assertThat(m.snapshot().metadata().index()).isEqualTo(4);
      assertThat(m.snapshot().data()).isEqualTo("state".getBytes());
    });
  }

  @Test
  void followerRestoresASnapshotAndAcknowledgesItsIndex() {
    TestMember f = TestMember.withLog(config(1), THREE, 1, 1);
    Snapshot snap = new Snapshot(new SnapshotMetadata(10, 2, new ConfState(THREE)), "s".getBytes());
    f.node.step(MessageBuilder.of(MessageType.SNAP, 1).from(2).term(2).snapshot(snap).build());
    Ready rd = f.node.ready();
    assertThat(rd.snapshot()).isSameAs(snap);
    assertThat(rd.hardState().commit()).isEqualTo(10);
    assertThat(ofType(rd.messages(), MessageType.APP_RESP)).singleElement()
        .satisfies(m -> assertThat(m.index()).isEqualTo(10));
    f.storage.save(rd.hardState(), rd.entries(), rd.snapshot(), rd.mustSync());
    f.node.advance(rd);
    assertThat(f.status().applied()).isEqualTo(10);
    assertThat(f.storage.firstIndex()).isEqualTo(11);
  }

  @Test
  void electionTimeoutIsRandomisedButReplayableFromTheSeed() {
    Set<Integer> timeouts = new HashSet<>();
    for (long seed = 1; seed <= 20; seed++) {
      int a = ticksUntilCampaign(seed);
      assertThat(ticksUntilCampaign(seed)).isEqualTo(a);
      assertThat(a).isBetween(10, 19);
      timeouts.add(a);
    }
    assertThat(timeouts.size()).isGreaterThan(3);
  }

  private static int ticksUntilCampaign(long seed) {
    RaftConfig c = new RaftConfig(1, 10, 1, 1 << 20, 256, false, false, 0, seed);
    TestMember m = TestMember.withLog(c, THREE, 1, 1);
    for (int t = 1; t < 100; t++) {
      m.node.tick();
      if (m.status().role() == StateRole.CANDIDATE) {
        return t;
      }
    }
    return -1;
  }

  @Test
  void preVoteDoesNotRaiseTheTermOfAnIsolatedNode() {
    TestMember c = TestMember.withLog(config(1, true, false), THREE, 1, 1);
    for (int i = 0; i < 100; i++) {
      c.node.tick();
    }
    assertThat(c.status().term()).isEqualTo(1);
    assertThat(c.status().role()).isEqualTo(StateRole.PRE_CANDIDATE);
    assertThat(ofType(c.drive(), MessageType.PRE_VOTE)).isNotEmpty().allSatisfy(m -> assertThat(m.term()).isEqualTo(2));
  }

  @Test
  void checkQuorumIgnoresVoteRequestsWhileALeaderIsHeardFrom() {
    TestMember f = TestMember.withLog(config(1, false, true), THREE, 2, 1);
    f.node.step(MessageBuilder.of(MessageType.HEARTBEAT, 1).from(2).term(2).build());
    f.drive();
    f.node.step(vote(3, 1, 3, 5, 2));
    assertThat(ofType(f.drive(), MessageType.VOTE_RESP)).isEmpty();
    assertThat(f.status().term()).isEqualTo(2);
  }
}
