package io.etcdj.raft.transport;

import com.google.protobuf.ByteString;
import io.etcdj.raft.transport.wire.ClusterInfo;
import io.etcdj.raft.transport.wire.Frame;
import io.etcdj.raft.transport.wire.Goodbye;
import io.etcdj.raft.transport.wire.Hello;
import io.etcdj.raft.transport.wire.Ping;
import io.etcdj.raft.transport.wire.Pong;
import io.etcdj.raft.transport.wire.SnapshotAck;
import io.etcdj.raft.transport.wire.SnapshotChunk;
import io.etcdj.raft.transport.wire.SnapshotHeader;
import io.etcdj.raft.transport.wire.Welcome;
import io.etcdj.raft.transport.wire.WireLane;
import io.etcdj.raft.transport.wire.WireMessage;

/** The frames of peer.proto, built in one place; the protocol version lives here. */
final class Frames {
  /** Raised when the wire format changes incompatibly; a Hello with another is refused. */
  static final int PROTOCOL_VERSION = 1;

  private static final Frame WELCOME = Frame.newBuilder()
      .setWelcome(Welcome.newBuilder().setProtocolVersion(PROTOCOL_VERSION)).build();
  private static final Frame SNAPSHOT_ACK =
      Frame.newBuilder().setSnapshotAck(SnapshotAck.getDefaultInstance()).build();

  private Frames() { }

  static Frame hello(long clusterId, long senderId, long receiverId, WireLane lane) {
    return hello(clusterId, senderId, receiverId, lane, java.util.List.of());
  }

  static Frame hello(long clusterId, long senderId, long receiverId, WireLane lane,
                     java.util.List<java.net.URI> senderPeerUrls) {
    Hello.Builder hello = Hello.newBuilder()
        .setProtocolVersion(PROTOCOL_VERSION)
        .setClusterId(clusterId)
        .setSenderId(senderId)
        .setReceiverId(receiverId)
        .setLane(lane);
    senderPeerUrls.forEach(u -> hello.addSenderPeerUrls(u.toString()));
    return Frame.newBuilder().setHello(hello).build();
  }

  static Frame welcome() { return WELCOME; }

  static Frame goodbye(String reason) {
    return Frame.newBuilder().setGoodbye(Goodbye.newBuilder().setReason(reason)).build();
  }

  /** The refusal of a Hello whose sender this member knows to be removed from the cluster. */
  static Frame goodbyeRemoved(String reason) {
    return Frame.newBuilder().setGoodbye(Goodbye.newBuilder().setReason(reason).setSenderRemoved(true)).build();
  }

  static Frame message(WireMessage message) {
    return Frame.newBuilder().setMessage(message).build();
  }

  static Frame ping(long sentNanos) {
    return Frame.newBuilder().setPing(Ping.newBuilder().setSentNanos(sentNanos)).build();
  }

  static Frame pong(long sentNanos) {
    return Frame.newBuilder().setPong(Pong.newBuilder().setSentNanos(sentNanos)).build();
  }

  static Frame snapshotHeader(WireMessage withoutData, long dataBytes) {
    return Frame.newBuilder().setSnapshotHeader(SnapshotHeader.newBuilder()
        .setMessage(withoutData)
        .setDataBytes(dataBytes)).build();
  }

  static Frame snapshotChunk(ByteString data) {
    return Frame.newBuilder().setSnapshotChunk(SnapshotChunk.newBuilder().setData(data)).build();
  }

  static Frame snapshotAck() { return SNAPSHOT_ACK; }

  static Frame clusterInfo(byte[] info) {
    return Frame.newBuilder()
        .setClusterInfo(ClusterInfo.newBuilder().setInfo(WireCodec.wrap(info))).build();
  }
}
