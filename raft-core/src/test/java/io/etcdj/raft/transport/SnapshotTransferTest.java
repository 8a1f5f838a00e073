package io.etcdj.raft.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcdj.raft.Message;
import io.etcdj.raft.MessageType;
import io.etcdj.raft.transport.RecordingInbound.SnapshotReport;
import io.etcdj.raft.transport.TestMembers.Member;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnapshotTransferTest {
  private final TestMembers members = new TestMembers();

  @AfterEach
  void closeAll() { members.close(); }

  @Test
  void largeSnapshotArrivesWholeAndIsReportedDelivered() {
    Member a = members.start(1);
    Member b = members.start(2);
    TestMembers.connectAll(a, b);
    Message snap = TestMessages.snapshot(1, 2, 20 << 20);

    a.transport().send(List.of(snap));

    await().atMost(Duration.ofSeconds(60))
        .until(() -> a.inbound().snapshotReports().contains(new SnapshotReport(2, false)));
    List<Message> got = b.inbound().received(1, MessageType.SNAP);
    assertThat(got).hasSize(1);
    assertThat(TestMessages.same(got.get(0), snap)).isTrue();
    assertThat(a.inbound().snapshotReports()).containsExactly(new SnapshotReport(2, false));
  }

  @Test
  void snapshotToDeadPeerIsReportedFailed() throws Exception {
    Member a = members.start(1);
    a.transport().addPeer(2, List.of(TestMembers.deadUrl()));

    a.transport().send(List.of(TestMessages.snapshot(1, 2, 1000)));

    await().until(() -> a.inbound().snapshotReports().contains(new SnapshotReport(2, true)));
    assertThat(a.inbound().unreachable(2)).isPositive();
  }

  @Test
  void heartbeatIsDeliveredWhileSnapshotToSamePeerIsInProgress() throws Exception {
    CountDownLatch heldAtSecondChunk = new CountDownLatch(1);
    CompletableFuture<Void> release = new CompletableFuture<>();
    TransportHooks holdSecondChunk = new TransportHooks() {
      @Override
      public CompletionStage<Void> beforeSnapshotChunk(long to, int chunkIndex) {
        if (chunkIndex == 1) {
          heldAtSecondChunk.countDown();
          return release;
        }
        return CompletableFuture.completedFuture(null);
      }
    };
    // Long enough that neither side calls the held snapshot stalled during the test.
    UnaryOperator<PeerTransportConfig> patient = c -> c.withPeerTimeout(Duration.ofMinutes(2));
    Member a = members.start(1, 0, patient, holdSecondChunk);
    Member b = members.start(2, patient);
    TestMembers.connectAll(a, b);
    Message snap = TestMessages.snapshot(1, 2, 8 << 20);

    a.transport().send(List.of(snap));
    assertThat(heldAtSecondChunk.await(30, TimeUnit.SECONDS)).isTrue();
    a.transport().send(List.of(TestMessages.heartbeat(1, 2, 77)));

    await().until(() -> !b.inbound().received(1, MessageType.HEARTBEAT).isEmpty());
    assertThat(b.inbound().received(1, MessageType.SNAP)).isEmpty();
    assertThat(a.inbound().snapshotReports()).isEmpty();

    release.complete(null);
    await().until(() -> a.inbound().snapshotReports().contains(new SnapshotReport(2, false)));
    assertThat(TestMessages.same(b.inbound().received(1, MessageType.SNAP).get(0), snap)).isTrue();
  }
}
