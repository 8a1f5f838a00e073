package io.etcdj.raft.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcdj.raft.transport.TestMembers.Member;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeerDisconnectTest {
  private final TestMembers members = new TestMembers();

  @AfterEach
  void closeAll() { members.close(); }

  @Test
  void peerWhoseProcessDiesIsReportedDisconnectedOnce() {
    Member a = members.start(1);
    Member b = members.start(2);
    TestMembers.connectAll(a, b);
    await().until(() -> a.transport().inboundConnections(2) == 2);

    b.transport().close();

    // Both of b's lanes to a end; only the control lane's end is reported, before it is counted.
    await().until(() -> a.transport().inboundConnections(2) == 0);
    assertThat(a.inbound().disconnected(2)).isEqualTo(1);
  }

  @Test
  void removingAPeerIsNotReportedAsItsDisconnection() {
    Member a = members.start(1);
    Member b = members.start(2);
    TestMembers.connectAll(a, b);
    await().until(() -> a.transport().inboundConnections(2) == 2);

    a.transport().removePeer(2);

    // b redials at once and is refused as removed; what a closed itself is not reported.
    await().until(() -> a.transport().inboundConnections(2) == 0);
    await().until(() -> b.transport().stats(1).control() == ConnectionState.REJECTED);
    assertThat(a.inbound().disconnected(2)).isZero();
  }

  @Test
  void aMemberRefusedAsRemovedIsToldItWasRemoved() {
    Member a = members.start(1);
    Member b = members.start(2);
    a.transport().removePeer(2); // a applied b's removal; b never did (it was down, say)
    b.transport().addPeer(1, java.util.List.of(a.url()));

    await().until(() -> !b.inbound().removedBy().isEmpty());
    assertThat(b.inbound().removedBy()).containsOnly(1L);
    assertThat(a.inbound().removedBy()).isEmpty();
  }

  @Test
  void closingOwnTransportReportsNoDisconnection() {
    Member a = members.start(1);
    Member b = members.start(2);
    TestMembers.connectAll(a, b);

    a.transport().close();

    assertThat(a.inbound().disconnected(2)).isZero();
    await().until(() -> b.inbound().disconnected(1) == 1);
  }
}
