package io.etcdj.raft;

import static io.etcdj.raft.TestMember.config;
import static io.etcdj.raft.TestMember.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a leader tells its followers that the commit index moved. */
class CommitBroadcastTest {
  private static final List<Long> THREE = List.of(1L, 2L, 3L);

  private static void answer(TestMember leader, long from, long index) {
    leader.node.step(MessageBuilder.of(MessageType.APP_RESP, 1).from(from)
        .term(leader.status().term()).index(index).build());
  }

  /** Node 1 leading {1,2,3} with both followers replicating and proposals 3..5 sent, unanswered. */
  private static TestMember leaderWithThreeInFlight() throws Exception {
    TestMember l = TestMember.electedLeader(config(1), THREE, 1, 1);
    l.drive();
    answer(l, 2, 2);
    answer(l, 3, 2);
    l.drive();
    for (int i = 0; i < 3; i++) {
      l.node.propose(("p" + i).getBytes());
    }
    l.drive();
    return l;
  }

  @Test
  void answersHandledTogetherCostOneCommitAppendPerFollowerCarryingTheLatestCommit() throws Exception {
    TestMember l = leaderWithThreeInFlight();
    answer(l, 2, 3);
    answer(l, 2, 4);
    answer(l, 2, 5);
    assertThat(l.status().commit()).isEqualTo(5);

    List<Message> apps = ofType(l.drive(), MessageType.APP);

    assertThat(apps).extracting(Message::to).containsExactlyInAnyOrder(2L, 3L);
    assertThat(apps).allSatisfy(m -> assertThat(m.commit()).isEqualTo(5));
  }

  @Test
  void aCommitAdvanceReachesAFollowerEvenWithNoNewEntriesToSend() throws Exception {
    TestMember l = leaderWithThreeInFlight();
    answer(l, 3, 5);

    List<Message> toTwo = ofType(l.drive(), MessageType.APP).stream().filter(m -> m.to() == 2).toList();

    assertThat(toTwo).singleElement().satisfies(m -> {
      assertThat(m.commit()).isEqualTo(5);
      assertThat(m.entries()).isEmpty();
    });
  }
}
