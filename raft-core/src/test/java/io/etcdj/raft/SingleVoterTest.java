package io.etcdj.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SingleVoterTest {

  @Test
  void bootstrapCommitsOneConfChangeEntryPerPeerAtTermOne() {
    TestMember m = TestMember.bootstrap(TestMember.config(1), 1, 2, 3);
    Ready rd = m.node.ready();
    assertThat(rd.entries()).hasSize(3);
    for (int i = 0; i < 3; i++) {
      Entry e = rd.entries().get(i);
      assertThat(e.term()).isEqualTo(1);
      assertThat(e.index()).isEqualTo(i + 1);
      assertThat(e.type()).isEqualTo(EntryType.CONF_CHANGE);
      ConfChange cc = ConfChange.decode(e.data());
      assertThat(cc.type()).isEqualTo(ConfChange.ConfChangeType.ADD_NODE);
      assertThat(cc.nodeId()).isEqualTo(i + 1);
      assertThat(new String(cc.context(), StandardCharsets.UTF_8)).isEqualTo("m" + (i + 1));
    }
    assertThat(rd.hardState()).isEqualTo(new HardState(1, 0, 3));
    assertThat(rd.committedEntries()).isEqualTo(rd.entries());
    assertThat(rd.mustSync()).isTrue();
    assertThat(m.node.confState().voters()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void campaignMakesASingleVoterLeaderAtOnce() {
    TestMember m = TestMember.bootstrap(TestMember.config(1), 1);
    m.drive();
    m.node.campaign();
    assertThat(m.status().role()).isEqualTo(StateRole.LEADER);
    assertThat(m.status().leaderId()).isEqualTo(1);
    Ready rd = m.node.ready();
    assertThat(rd.softState()).isEqualTo(new SoftState(1, StateRole.LEADER));
    // The new leader's empty entry of its own term is committed in the Ready that carries it.
    assertThat(rd.entries()).singleElement().satisfies(e -> {
      assertThat(e.term()).isEqualTo(2);
      assertThat(e.data()).isEmpty();
    });
    assertThat(rd.committedEntries()).isEqualTo(rd.entries());
    assertThat(rd.messages()).isEmpty();
  }

  @Test
  void campaignWithPreVoteAlsoMakesASingleVoterLeaderAtOnce() {
    TestMember m = TestMember.bootstrap(TestMember.config(1, true, true), 1);
    m.drive();
    m.node.campaign();
    assertThat(m.status().role()).isEqualTo(StateRole.LEADER);
    assertThat(m.status().term()).isEqualTo(2);
  }

  @Test
  void thousandsOfProposalsCommitInTheSameReadyWithoutAnyMessage() throws Exception {
    TestMember m = TestMember.bootstrap(TestMember.config(1), 1);
    m.drive();
    m.node.campaign();
    m.drive();
    for (int i = 0; i < 5000; i++) {
      m.node.propose(("v" + i).getBytes());
    }
    Ready rd = m.node.ready();
    assertThat(rd.entries()).hasSize(5000);
    assertThat(rd.committedEntries()).isEqualTo(rd.entries());
    assertThat(rd.messages()).isEmpty();
    assertThat(rd.hardState().commit()).isEqualTo(rd.entries().get(4999).index());
    assertThat(rd.mustSync()).isTrue();
    m.storage.save(rd.hardState(), rd.entries(), rd.snapshot(), rd.mustSync());
    m.node.advance(rd);
    assertThat(m.node.hasReady()).isFalse();
    assertThat(m.status().applied()).isEqualTo(m.status().commit());
  }

  @Test
  void readIndexOnASingleVoterLeaderAnswersAtOnceWithTheCommitIndex() throws Exception {
    TestMember m = TestMember.bootstrap(TestMember.config(1), 1);
    m.drive();
    m.node.campaign();
    m.node.propose("x".getBytes());
    m.node.readIndex("req-1".getBytes());
    Ready rd = m.node.ready();
    assertThat(rd.readStates()).singleElement().satisfies(rs -> {
      assertThat(rs.index()).isEqualTo(m.status().commit());
      assertThat(new String(rs.requestCtx())).isEqualTo("req-1");
    });
  }

  @Test
  void proposalWithoutAKnownLeaderIsDropped() {
    TestMember m = TestMember.bootstrap(TestMember.config(1), 1, 2, 3);
    m.drive();
    assertThatThrownBy(() -> m.node.propose("x".getBytes()))
        .isInstanceOf(ProposalDroppedException.class);
    assertThat(m.node.requestReadIndex("r".getBytes())).isFalse();
  }

  @Test
  void restartFromStorageResumesWithTheSameHardStateAndLog() throws Exception {
    TestMember m = TestMember.bootstrap(TestMember.config(1), 1);
    m.drive();
    m.node.campaign();
    for (int i = 0; i < 10; i++) {
      m.node.propose(("v" + i).getBytes());
    }
    m.drive();
    RaftStatus before = m.status();

    // Restart as if the application had applied only up to index 5.
    RaftConfig c = TestMember.config(1);
    RaftConfig restartConfig = new RaftConfig(1, c.electionTicks(), c.heartbeatTicks(),
        c.maxSizePerMsgBytes(), c.maxInflightMsgs(), false, false, 5, 99);
    TestMember again = TestMember.over(restartConfig, m.storage);
    RaftStatus after = again.status();
    assertThat(after.term()).isEqualTo(before.term());
    assertThat(after.vote()).isEqualTo(before.vote());
    assertThat(after.commit()).isEqualTo(before.commit());
    assertThat(after.role()).isEqualTo(StateRole.FOLLOWER);
    assertThat(again.node.confState().voters()).containsExactly(1L);
    again.drive();
    assertThat(again.applied).extracting(Entry::index)
        .containsExactly(6L, 7L, 8L, 9L, 10L, 11L, 12L);
    assertThat(again.applied).isEqualTo(m.storage.entries(6, 13, Long.MAX_VALUE));

    again.node.campaign();
    assertThat(again.status().role()).isEqualTo(StateRole.LEADER);
    assertThat(again.status().term()).isEqualTo(before.term() + 1);
  }

  @Test
  void campaignRightAfterARestartWinsOnceCommittedConfChangesAreApplied() throws Exception {
    TestMember m = TestMember.bootstrap(TestMember.config(1), 1);
    m.drive();
    m.node.campaign();
    m.node.propose("v".getBytes());
    m.drive();
    // Restart with nothing applied: the bootstrap conf change at index 1 is committed, unapplied.
    TestMember again = TestMember.over(TestMember.config(1), m.storage);
    again.node.campaign();
    assertThat(again.status().role()).isEqualTo(StateRole.FOLLOWER);
    again.drive();
    assertThat(again.status().role()).isEqualTo(StateRole.LEADER);
    assertThat(again.applied).extracting(e -> new String(e.data())).contains("v");
  }

  @Test
  void restartTrustsTheApplicationsAppliedIndexOverALostUnsyncedCommit() throws Exception {
    TestMember m = TestMember.bootstrap(TestMember.config(1), 1);
    m.drive();
    m.node.campaign();
    m.node.propose("v".getBytes());
    m.drive();
    long last = m.storage.lastIndex();
    // As if the last commit-only hard state (an unsynced write) was lost in a power failure.
    HardState hs = m.storage.initialState().hardState();
    m.storage.save(new HardState(hs.term(), hs.vote(), 1), List.of(), Snapshot.EMPTY, true);
    RaftConfig c = TestMember.config(1);
    TestMember again = TestMember.over(new RaftConfig(1, c.electionTicks(), c.heartbeatTicks(),
        c.maxSizePerMsgBytes(), c.maxInflightMsgs(), false, false, last, 7), m.storage);
    assertThat(again.status().commit()).isEqualTo(last);
    assertThat(again.status().applied()).isEqualTo(last);
  }

  @Test
  void proposalsBeforeTheFirstReadyAreNotLostAcrossAdvance() throws Exception {
    TestMember m = TestMember.bootstrap(TestMember.config(1), 1);
    m.drive();
    m.node.campaign();
    Ready first = m.node.ready();
    m.node.propose("late".getBytes()); // arrives between ready() and advance()
    m.storage.save(first.hardState(), first.entries(), first.snapshot(), first.mustSync());
    m.node.advance(first);
    Ready second = m.node.ready();
    assertThat(second.entries()).extracting(e -> new String(e.data())).containsExactly("late");
    assertThat(second.committedEntries()).isEqualTo(second.entries());
  }

  @Test
  void confChangeProposalTakesEffectWhenApplied() throws Exception {
    TestMember m = TestMember.bootstrap(TestMember.config(1), 1);
    m.drive();
    m.node.campaign();
    m.drive();
    m.node.proposeConfChange(new ConfChange(ConfChange.ConfChangeType.ADD_NODE, 2, new byte[0]));
    assertThatThrownBy(() -> m.node.proposeConfChange(
        new ConfChange(ConfChange.ConfChangeType.ADD_NODE, 3, new byte[0])))
        .isInstanceOf(ProposalDroppedException.class);
    m.drive();
    assertThat(m.node.confState().voters()).containsExactly(1L, 2L);
    assertThat(m.storage.initialState().confState().voters()).containsExactly(1L, 2L);
    // The new voter hears from the leader at the next heartbeat.
    m.node.tick();
    assertThat(m.drive()).anyMatch(msg -> msg.to() == 2 && msg.type() == MessageType.HEARTBEAT);
  }
}
