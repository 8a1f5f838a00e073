package io.etcdj.raft.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcdj.raft.Message;
import io.etcdj.raft.transport.TestMembers.Member;
import io.etcdj.raft.transport.wire.Frame;
import io.etcdj.raft.transport.wire.WireLane;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandshakeTest {
  private final TestMembers members = new TestMembers();

  @AfterEach
  void closeAll() { members.close(); }

  @Test
  void peerOfAnotherClusterIsRefusedAndNothingItSendsIsDelivered() {
    Member a = members.start(1);
    Member stranger = members.start(2,
        c -> PeerTransportConfig.of(c.memberId(), 0xbad, c.listenUrls()));
    stranger.transport().addPeer(1, List.of(a.url()));

    await().until(() -> stranger.transport().stats(1).control() == ConnectionState.REJECTED);
    stranger.transport().send(List.of(TestMessages.heartbeat(2, 1, 5)));

    assertThat(stranger.transport().stats(1).sendFailures()).isEqualTo(1);
    assertThat(a.inbound().received()).isEmpty();
    assertThat(a.transport().inboundConnections(2)).isZero();
  }

  @Test
  void messagePipelinedBehindARefusedHelloIsNotDelivered() throws Exception {
    Member a = members.start(1);
    Frame wrongCluster = Frames.hello(0xbad, 2, 1, WireLane.LANE_CONTROL);
    Frame heartbeat = Frames.message(WireCodec.encode(TestMessages.heartbeat(2, 1, 5)));

    try (RawPeerSocket raw = new RawPeerSocket(a.url())) {
      raw.write(wrongCluster, heartbeat);

      Frame answer = raw.read();
      assertThat(answer.getGoodbye().getReason()).contains("cluster id mismatch");
      assertThat(raw.closedByOtherSide()).isTrue();
    }
    assertThat(a.inbound().received()).isEmpty();
    assertThat(a.inbound().disconnected(2)).isZero();
  }

  @Test
  void helloMeantForAnotherMemberIsRefused() throws Exception {
    Member a = members.start(1);

    try (RawPeerSocket raw = new RawPeerSocket(a.url())) {
      raw.write(Frames.hello(TestMembers.CLUSTER_ID, 2, 3, WireLane.LANE_CONTROL));

      assertThat(raw.read().getGoodbye().getReason()).contains("not 3");
    }
  }

  @Test
  void unknownSenderIsWelcomedByDefault() throws Exception {
    Member a = members.start(1);

    try (RawPeerSocket raw = new RawPeerSocket(a.url())) {
      raw.write(Frames.hello(TestMembers.CLUSTER_ID, 7, 1, WireLane.LANE_CONTROL),
          Frames.message(WireCodec.encode(TestMessages.vote(7, 1))));

      assertThat(raw.read().hasWelcome()).isTrue();
      await().until(() -> a.inbound().received().size() == 1);
    }
  }

  @Test
  void unknownSenderIsIntroducedToTheRuntimeWithTheUrlsItAdvertises() throws Exception {
    Member a = members.start(1);
    Member b = members.start(2, c -> c.withAdvertisedUrls(List.of(URI.create("http://127.0.0.1:1"))));
    b.transport().addPeer(1, List.of(a.url())); // b knows a; a does not know b

    b.transport().send(List.of(TestMessages.vote(2, 1)));

    await().until(() -> !a.inbound().introduced().isEmpty());
    assertThat(a.inbound().introduced().get(0))
        .isEqualTo(new RecordingInbound.Introduction(2, List.of(URI.create("http://127.0.0.1:1"))));
  }

  @Test
  void unknownSenderIsRefusedWhenOnlyPeersAreAccepted() throws Exception {
    Member a = members.start(1, c -> c.withAcceptUnknownPeers(false));

    try (RawPeerSocket raw = new RawPeerSocket(a.url())) {
      raw.write(Frames.hello(TestMembers.CLUSTER_ID, 7, 1, WireLane.LANE_CONTROL));

      Frame answer = raw.read();
      assertThat(answer.getGoodbye().getReason()).contains("not a peer");
      assertThat(answer.getGoodbye().getSenderRemoved()).isFalse();
    }
  }

  @Test
  void removedMemberIsRefusedAndToldItWasRemoved() throws Exception {
    Member a = members.start(1);
    a.transport().addPeer(2, List.of(TestMembers.deadUrl()));
    a.transport().removePeer(2);

    try (RawPeerSocket raw = new RawPeerSocket(a.url())) {
      raw.write(Frames.hello(TestMembers.CLUSTER_ID, 2, 1, WireLane.LANE_CONTROL));

      Frame answer = raw.read();
      assertThat(answer.getGoodbye().getReason()).contains("removed");
      assertThat(answer.getGoodbye().getSenderRemoved()).isTrue();
    }
  }

  @Test
  void messageAddressedToAnotherMemberIsDropped() throws Exception {
    Member a = members.start(1);
    Message forSomeoneElse = TestMessages.heartbeat(2, 3, 5);
    Message forA = TestMessages.heartbeat(2, 1, 6);

    try (RawPeerSocket raw = new RawPeerSocket(a.url())) {
      raw.write(Frames.hello(TestMembers.CLUSTER_ID, 2, 1, WireLane.LANE_CONTROL),
          Frames.message(WireCodec.encode(forSomeoneElse)),
          Frames.message(WireCodec.encode(forA)));

      // Frames on one connection are handled in order: once the second is in, the first was seen.
      await().until(() -> !a.inbound().received().isEmpty());
    }
    assertThat(a.inbound().received()).singleElement()
        .matches(m -> TestMessages.same(m, forA));
  }
}
