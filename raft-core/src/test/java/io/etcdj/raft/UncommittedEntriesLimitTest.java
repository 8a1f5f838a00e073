package io.etcdj.raft;

import static io.etcdj.raft.TestMember.config;
import static io.etcdj.raft.TestMember.ofType;
import static io.etcdj.raft.TestMember.withLimit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The leader's bound on its uncommitted tail (etcd's MaxUncommittedEntriesSize). */
class UncommittedEntriesLimitTest {
  private static final List<Long> THREE = List.of(1L, 2L, 3L);

  /** Node 1 leading term 2 over {1,2,3} with the given bound; its followers have not answered. */
  private static TestMember leader(long maxUncommittedBytes) {
    TestMember l = TestMember.electedLeader(withLimit(config(1), maxUncommittedBytes), THREE, 1, 1);
    l.drive();
    return l;
  }

  private static void ack(TestMember leader, long from, long index) {
    leader.node.step(MessageBuilder.of(MessageType.APP_RESP, 1).from(from)
        .term(leader.status().term()).index(index).build());
    leader.drive();
  }

  @Test
  void aLeaderCutOffFromItsFollowersDropsProposalsOnceItsUncommittedTailReachesTheBound()
      throws Exception {
    TestMember l = leader(1000);
    for (int i = 0; i < 10; i++) {
      l.node.propose(new byte[100]); // 1000 bytes in all: at the bound, not over it
    }
    assertThatThrownBy(() -> l.node.propose(new byte[100]))
        .isInstanceOf(ProposalDroppedException.class)
        .hasMessageContaining("uncommitted");
    assertThatThrownBy(() -> l.node.propose(new byte[1]))
        .isInstanceOf(ProposalDroppedException.class);
    l.drive();
    assertThat(l.storage.lastIndex()).isEqualTo(2 + 10);
  }

  @Test
  void committingEntriesMakesRoomAgain() throws Exception {
    TestMember l = leader(1000);
    for (int i = 0; i < 10; i++) {
      l.node.propose(new byte[100]);
    }
    l.drive();
    assertThatThrownBy(() -> l.node.propose(new byte[100])).isInstanceOf(ProposalDroppedException.class);
    ack(l, 2, 7); // commits the no-op and the first five proposals (indexes 3..7)
    assertThat(l.status().commit()).isEqualTo(7);
    for (int i = 0; i < 5; i++) {
      l.node.propose(new byte[100]);
    }
    assertThatThrownBy(() -> l.node.propose(new byte[100])).isInstanceOf(ProposalDroppedException.class);
    ack(l, 3, l.storage.lastIndex() + 5);
  }

  @Test
  void emptyProposalsAreAlwaysAcceptedAndANewLeadersEmptyEntryIsNeverRefused() throws Exception {
    TestMember l = leader(1);
    assertThat(l.storage.entries(2, 3, Long.MAX_VALUE).get(0).data()).isEmpty(); // the no-op
    l.node.propose(new byte[1]);
    assertThatThrownBy(() -> l.node.propose(new byte[1])).isInstanceOf(ProposalDroppedException.class);
    l.node.propose(new byte[0]);
    l.drive();
    assertThat(l.storage.lastIndex()).isEqualTo(4);
  }

  @Test
  void aSingleProposalLargerThanTheBoundIsAcceptedWhileNothingIsUncommitted() throws Exception {
    TestMember l = leader(100);
    l.node.propose(new byte[500]);
    assertThatThrownBy(() -> l.node.propose(new byte[1])).isInstanceOf(ProposalDroppedException.class);
    ack(l, 2, 3);
    l.node.propose(new byte[500]);
  }

  @Test
  void forwardedProposalsCountAgainstTheLeadersBoundAndAreDroppedPastIt() {
    TestMember l = leader(100);
    Message forwarded = MessageBuilder.of(MessageType.PROP, 1).from(2)
        .entries(List.of(new Entry(0, 0, EntryType.NORMAL, new byte[60]),
            new Entry(0, 0, EntryType.NORMAL, new byte[60])))
        .build();
    l.node.step(forwarded); // 120 bytes in one message, nothing uncommitted: accepted whole
    l.node.step(forwarded); // now refused whole
    l.drive();
    assertThat(l.storage.lastIndex()).isEqualTo(4);
  }

  @Test
  void aNewLeaderStartsWithAnEmptyBudget() throws Exception {
    TestMember l = leader(100);
    l.node.propose(new byte[100]);
    l.drive();
    // Deposed, then elected again: what the old reign left uncommitted is not counted.
    l.node.step(TestMember.msg(MessageType.HEARTBEAT, 2, 1, 3));
    l.drive();
    l.node.campaign();
    l.drive();
    l.node.step(TestMember.msg(MessageType.VOTE_RESP, 3, 1, 4));
    assertThat(l.status().role()).isEqualTo(StateRole.LEADER);
    l.node.propose(new byte[100]);
    assertThat(ofType(l.drive(), MessageType.APP)).isNotEmpty();
  }

  @Test
  void noBoundUnlessConfiguredAndTheNineParameterConfigKeepsIt() throws Exception {
    RaftConfig nine = new RaftConfig(1, 10, 1, 1 << 20, 256, false, false, 0, 1);
    assertThat(nine.maxUncommittedEntriesBytes()).isZero();
    TestMember l = leader(0);
    for (int i = 0; i < 2000; i++) {
      l.node.propose(new byte[1024]);
    }
    assertThatThrownBy(() -> new RaftConfig(1, 10, 1, 1 << 20, 256, false, false, 0, 1, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
