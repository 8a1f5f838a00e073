package io.etcdj.raft.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.etcdj.raft.transport.TestMembers.Member;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeerTransportLifecycleTest {
  private final TestMembers members = new TestMembers();

  @AfterEach
  void closeAll() { members.close(); }

  @Test
  void startReturnsListeningOnThePortTheSystemChose() {
    Member a = members.start(1);

    assertThat(a.transport().listenAddresses()).singleElement()
        .satisfies(addr -> assertThat(addr.getPort()).isPositive());
    assertThat(a.url().toString()).startsWith("http://127.0.0.1:")
        .endsWith(":" + a.transport().listenAddresses().get(0).getPort());
  }

  @Test
  void closeFreesThePortAndEndsTheEventLoopThreads() throws Exception {
    Set<Thread> before = peerThreads();
    Member a = members.start(1);
    Member b = members.start(2);
    TestMembers.connectAll(a, b);
    int port = a.url().getPort();

    a.transport().close();
    b.transport().close();

    try (ServerSocket again = new ServerSocket()) {
      again.setReuseAddress(true);
      again.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }
    await().until(() -> before.containsAll(peerThreads()));
  }

  @Test
  void startFailsWhenThePortIsTakenAndLeavesNoThreads() throws Exception {
    Set<Thread> before = peerThreads();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> members.start(1, taken.getLocalPort(), UnaryOperator.identity(),
          TransportHooks.NONE)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot listen");
    }
    await().until(() -> before.containsAll(peerThreads()));
  }

  @Test
  void sendAfterCloseIsIgnored() {
    Member a = members.start(1);
    a.transport().close();

    a.transport().send(java.util.List.of(TestMessages.heartbeat(1, 2, 1)));

    assertThat(a.inbound().unreachable(2)).isZero();
  }

  private static Set<Thread> peerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("etcdj-peer-") && t.isAlive())
        .collect(Collectors.toSet());
  }
}
