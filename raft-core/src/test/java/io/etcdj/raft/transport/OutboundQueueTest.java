package io.etcdj.raft.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcdj.raft.Message;
import io.etcdj.raft.transport.TestMembers.Member;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
  private final TestMembers members = new TestMembers();

  @AfterEach
  void closeAll() { members.close(); }

  @Test
  void fullQueueDropsTheRestAndReportsThePeerUnreachableOnce() {
    // An hour between reports: however many drops, exactly one report in this test.
    Member a = members.start(1, c -> c.withQueueCapacity(4)
        .withUnreachableReportInterval(Duration.ofHours(1)));
    Member b = members.start(2);
    TestMembers.connectAll(a, b);
    List<Message> burst = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      burst.add(TestMessages.append(1, 2, i));
    }

    // One call reserves its places before the event loop can drain any: 4 fit, 96 do not.
    a.transport().send(burst);

    assertThat(a.transport().stats(2).sendFailures()).isEqualTo(96);
    assertThat(a.inbound().unreachable(2)).isEqualTo(1);
    await().until(() -> b.inbound().received().size() == 4);
    assertThat(b.inbound().received()).extracting(Message::index).containsExactly(0L, 1L, 2L, 3L);
  }

  @Test
  void queuesOfTheLanesAreSeparate() {
    Member a = members.start(1, c -> c.withQueueCapacity(4));
    Member b = members.start(2);
    TestMembers.connectAll(a, b);
    List<Message> burst = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      burst.add(TestMessages.append(1, 2, i));
    }
    burst.add(TestMessages.vote(1, 2));

    a.transport().send(burst);

    await().until(() -> b.inbound().received().size() == 5);
    assertThat(b.inbound().received()).anyMatch(m -> m.type() == io.etcdj.raft.MessageType.VOTE);
  }

  @Test
  void messageToUnconnectedPeerIsDroppedAndReported() throws Exception {
    Member a = members.start(1);
    a.transport().addPeer(2, List.of(TestMembers.deadUrl()));

    a.transport().send(List.of(TestMessages.heartbeat(1, 2, 1)));

    assertThat(a.transport().stats(2).sendFailures()).isEqualTo(1);
    assertThat(a.inbound().unreachable(2)).isEqualTo(1);
  }

  @Test
  void messageToUnknownMemberIsDroppedAndReported() {
    Member a = members.start(1);

    a.transport().send(List.of(TestMessages.heartbeat(1, 9, 1), TestMessages.snapshot(1, 9, 10)));

    assertThat(a.inbound().unreachable(9)).isEqualTo(1);
    assertThat(a.inbound().snapshotReports())
        .containsExactly(new RecordingInbound.SnapshotReport(9, true));
  }
}
