package io.etcdj.raft.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcdj.raft.MessageType;
import io.etcdj.raft.transport.TestMembers.Member;
import java.net.URI;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReconnectTest {
  private final TestMembers members = new TestMembers();

  @AfterEach
  void closeAll() { members.close(); }

  @Test
  void peerRestartedOnTheSamePortIsReachedAgain() {
    Member a = members.start(1);
    Member b = members.start(2);
    TestMembers.connectAll(a, b);
    int port = b.url().getPort();

    b.transport().close();
    Member b2 = members.start(2, port, UnaryOperator.identity(), TransportHooks.NONE);
    b2.transport().addPeer(1, List.of(a.url()));

    // Until a has redialed, what it sends is dropped: keep sending until one arrives.
    await().untilAsserted(() -> {
      a.transport().send(List.of(TestMessages.heartbeat(1, 2, 9)));
      assertThat(b2.inbound().received(1, MessageType.HEARTBEAT)).isNotEmpty();
    });
    TestMembers.awaitConnected(a, 2);
  }

  @Test
  void peerMovedToNewUrlsIsDialedThere() {
    Member a = members.start(1);
    Member b = members.start(2);
    TestMembers.connectAll(a, b);

    b.transport().close();
    Member moved = members.start(2);
    a.transport().updatePeer(2, List.of(moved.url()));

    TestMembers.awaitConnected(a, 2);
    a.transport().send(List.of(TestMessages.vote(1, 2)));
    await().until(() -> !moved.inbound().received(1, MessageType.VOTE).isEmpty());
  }

  @Test
  void nextUrlIsDialedWhenTheFirstFails() throws Exception {
    Member a = members.start(1);
    Member b = members.start(2);
    URI dead = TestMembers.deadUrl();

    a.transport().addPeer(2, List.of(dead, b.url()));

    TestMembers.awaitConnected(a, 2);
  }
}
