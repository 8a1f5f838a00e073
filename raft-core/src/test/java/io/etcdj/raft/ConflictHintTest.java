package io.etcdj.raft;

import static io.etcdj.raft.TestMember.config;
import static io.etcdj.raft.TestMember.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Rejected appends carry a hint by term (etcd's findConflictByTerm), so a leader finds where a
 * diverged follower's log matches its own in a round trip or two, not one per entry.
 */
class ConflictHintTest {
  private static final List<Long> THREE = List.of(1L, 2L, 3L);

  private static long[] terms(long first, long term, int count) {
    return LongStream.concat(LongStream.of(first), LongStream.generate(() -> term).limit(count)).toArray();
  }

  @Test
  void followerHintsItsLastEntryWhoseTermIsAtMostTheLeadersTermThere() {
    TestMember f = TestMember.withLog(config(1), THREE, 3, 1, 3, 3, 3, 3, 3);
    f.node.step(MessageBuilder.of(MessageType.APP, 1).from(2).term(4).index(5).logTerm(2).build());
    assertThat(ofType(f.drive(), MessageType.APP_RESP)).singleElement().satisfies(r -> {
      assertThat(r.reject()).isTrue();
      assertThat(r.index()).isEqualTo(5);
      assertThat(r.rejectHint()).isEqualTo(1); // every entry of term 3 conflicts with term 2
      assertThat(r.logTerm()).isEqualTo(1);
    });
  }

  @Test
  void followerWithAShorterLogHintsItsLastEntry() {
    TestMember f = TestMember.withLog(config(1), THREE, 3, 1, 2);
    f.node.step(MessageBuilder.of(MessageType.APP, 1).from(2).term(4).index(9).logTerm(3).build());
    assertThat(ofType(f.drive(), MessageType.APP_RESP)).singleElement().satisfies(r -> {
      assertThat(r.rejectHint()).isEqualTo(2);
      assertThat(r.logTerm()).isEqualTo(2);
    });
  }

  @Test
  void leaderSkipsItsOwnEntriesOfTermsAboveTheHintedTerm() {
    TestMember l = TestMember.electedLeader(config(1), THREE, 3, 1, 1, 2, 2, 2, 2);
    l.drive();
    // The probe went out at index 6 (term 2); node 3 holds terms 1, 1, 3, 3 ... there.
    l.node.step(MessageBuilder.of(MessageType.APP_RESP, 1).from(3).term(4).index(6).reject(true)
        .rejectHint(6).logTerm(1).build());
    assertThat(ofType(l.drive(), MessageType.APP)).singleElement().satisfies(a -> {
      assertThat(a.to()).isEqualTo(3);
      assertThat(a.index()).isEqualTo(2); // our last entry of a term <= 1
      assertThat(a.logTerm()).isEqualTo(1);
      assertThat(a.entries()).extracting(Entry::index).containsExactly(3L, 4L, 5L, 6L, 7L);
    });
  }

  @Test
  void aDivergedFollowerWithALongConflictingTailIsFoundInOneRoundTrip() {
    // Leader: 1 then twenty entries of term 2. Follower: 1 then fifty of term 3, never committed.
    TestMember leader = TestMember.electedLeader(config(1), THREE, 4, terms(1, 2, 20));
    TestMember follower = TestMember.withLog(config(2), THREE, 4, terms(1, 3, 50));
    TestNetwork net = new TestNetwork(leader, follower);
    net.settle();
    List<Message> rejections = net.delivered(MessageType.APP_RESP).stream()
        .filter(Message::reject).toList();
    assertThat(rejections).hasSize(1);
    assertThat(follower.logTerms()).isEqualTo(leader.logTerms());
    assertThat(follower.storage.lastIndex()).isEqualTo(22);
  }

  @Test
  void divergentTermsOnBothSidesAreSkippedInTwoRoundTrips() {
    // etcd's example: leader 1 2 2 2 4 4 4 (then its term-6 no-op), follower 1 3 3 3 3.
    TestMember leader = TestMember.electedLeader(config(1), THREE, 5, 1, 2, 2, 2, 4, 4, 4);
    TestMember follower = TestMember.withLog(config(2), THREE, 5, 1, 3, 3, 3, 3);
    TestNetwork net = new TestNetwork(leader, follower);
    net.settle();
    assertThat(net.delivered(MessageType.APP_RESP).stream().filter(Message::reject)).hasSize(2);
    assertThat(follower.logTerms()).isEqualTo(leader.logTerms());
  }
}
