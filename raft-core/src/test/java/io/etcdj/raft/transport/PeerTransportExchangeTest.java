package io.etcdj.raft.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcdj.raft.Message;
import io.etcdj.raft.MessageType;
import io.etcdj.raft.transport.TestMembers.Member;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeerTransportExchangeTest {
  private final TestMembers members = new TestMembers();

  @AfterEach
  void closeAll() { members.close(); }

  @Test
  void threeMembersExchangeMessagesOnEveryLane() {
    Member[] m = {members.start(1), members.start(2), members.start(3)};
    TestMembers.connectAll(m);
    List<Message> sent = new ArrayList<>();

    for (Member from : m) {
      List<Message> batch = new ArrayList<>();
      for (Member to : m) {
        if (to != from) {
          batch.add(TestMessages.vote(from.id(), to.id()));
          batch.add(TestMessages.append(from.id(), to.id(), 10 * from.id()));
          batch.add(TestMessages.snapshot(from.id(), to.id(), 3000));
        }
      }
      from.transport().send(batch);
      sent.addAll(batch);
    }

    for (Message s : sent) {
      Member to = m[(int) s.to() - 1];
      await().untilAsserted(() -> assertThat(to.inbound().received())
          .anyMatch(r -> TestMessages.same(r, s)));
    }
    for (Member from : m) {
      await().untilAsserted(() -> assertThat(from.inbound().snapshotReports())
          .hasSize(2).allMatch(r -> !r.failed()));
    }
  }

  @Test
  void messagesWithinOneLaneArriveInOrder() {
    Member a = members.start(1);
    Member b = members.start(2);
    TestMembers.connectAll(a, b);
    int rounds = 20;
    int perRound = 100;

    for (int r = 0; r < rounds; r++) {
      List<Message> batch = new ArrayList<>();
      for (int i = 0; i < perRound; i++) {
        long n = (long) r * perRound + i;
        batch.add(TestMessages.append(1, 2, n));
        batch.add(TestMessages.heartbeat(1, 2, n));
      }
      a.transport().send(batch);
    }

    assertThat(a.transport().stats(2).sendFailures()).isZero();
    await().until(() -> b.inbound().received().size() == 2 * rounds * perRound);
    assertThat(b.inbound().received(1, MessageType.APP)).extracting(Message::index)
        .isSorted().doesNotHaveDuplicates().hasSize(rounds * perRound);
    assertThat(b.inbound().received(1, MessageType.HEARTBEAT)).extracting(Message::commit)
        .isSorted().doesNotHaveDuplicates().hasSize(rounds * perRound);
  }

  @Test
  void statsCountTrafficBothWays() {
    Member a = members.start(1);
    Member b = members.start(2);
    TestMembers.connectAll(a, b);

    a.transport().send(List.of(TestMessages.heartbeat(1, 2, 1), TestMessages.append(1, 2, 1)));
    await().until(() -> b.inbound().received().size() == 2);

    PeerStats sent = a.transport().stats(2);
    assertThat(sent.active()).isTrue();
    assertThat(sent.messagesSent()).isEqualTo(2);
    assertThat(sent.bytesSent()).isPositive();
    assertThat(sent.sendFailures()).isZero();
    assertThat(sent.inboundConnections()).isEqualTo(2);
    await().until(() -> b.transport().stats(1).messagesReceived() == 2);
    assertThat(b.transport().stats(1).bytesReceived()).isPositive();
    assertThat(a.transport().stats()).containsOnlyKeys(2L);
    assertThat(a.transport().stats(42).control()).isEqualTo(ConnectionState.CLOSED);
  }

  @Test
  void roundTripIsMeasuredOnTheControlLaneAndReported() {
    ConcurrentLinkedQueue<Long> measuredFor = new ConcurrentLinkedQueue<>();
    RoundTripListener listener = (memberId, rtt) -> measuredFor.add(memberId);
    Member a = members.start(1, c -> c.withPingInterval(Duration.ofMillis(50))
        .withRoundTripListener(listener));
    Member b = members.start(2);
    TestMembers.connectAll(a, b);

    await().until(() -> measuredFor.contains(2L));
    assertThat(measuredFor).containsOnly(2L);
    assertThat(a.transport().stats(2).roundTrip()).isPresent();
  }
}
