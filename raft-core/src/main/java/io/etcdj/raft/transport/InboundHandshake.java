package io.etcdj.raft.transport;

import io.etcdj.raft.transport.wire.Frame;
import io.etcdj.raft.transport.wire.Hello;
import io.etcdj.raft.transport.wire.WireLane;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every accepted connection: checks the Hello (protocol version, cluster,
 * that it is meant for this member, that the sender may talk to us), answers Welcome and puts the
 * lane's handler in its place, or answers Goodbye with the reason and closes. Frames that arrive
 * behind a refused Hello are ignored, never delivered. One instance per channel, on its loop.
 */
final class InboundHandshake extends SimpleChannelInboundHandler<InboundFrame> {
  private static final Logger log = LoggerFactory.getLogger(InboundHandshake.class);

  private final TransportContext ctx;
  private final PeerServer server;
  private boolean answered;

  InboundHandshake(TransportContext ctx, PeerServer server) {
    this.ctx = ctx;
    this.server = server;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext c, InboundFrame in) {
    if (answered) {
      return;
    }
    answered = true;
    Frame frame = in.frame();
    if (!frame.hasHello()) {
      refuse(c, "expected a Hello, got " + frame.getBodyCase());
      return;
    }
    Hello hello = frame.getHello();
    if (hello.getProtocolVersion() != Frames.PROTOCOL_VERSION) {
      refuse(c, "protocol version " + hello.getProtocolVersion() + ", this member speaks "
          + Frames.PROTOCOL_VERSION);
      return;
    }
    if (hello.getLane() == WireLane.LANE_CLUSTER_INFO) {
      answerClusterInfo(c);
      return;
    }
    Lane lane = Lane.fromWire(hello.getLane());
    String refusal = refusal(hello, lane);
    if (refusal != null) {
      boolean removed = server.known().isRemoved(hello.getSenderId());
      refuse(c, removed ? Frames.goodbyeRemoved(refusal) : Frames.goodbye(refusal));
      return;
    }
    long sender = hello.getSenderId();
    PeerCounters counters = server.known().countersFor(sender);
    counters.received(0, in.wireBytes());
    c.writeAndFlush(Frames.welcome(), c.voidPromise());
    counters.sent(0, FrameEncoder.wireBytes(Frames.welcome()));
    ChannelHandler handler = lane == Lane.SNAPSHOT
        ? new InboundSnapshotHandler(ctx, server.channels(), sender, counters)
        : new InboundStreamHandler(ctx, server.channels(), sender, lane, counters);
    c.pipeline().replace(this, lane.name(), handler);
    server.channels().established(sender, lane, c.channel());
    log.debug("accepted {} lane from {}", lane, Long.toHexString(sender));
  }

  /** Why this Hello is refused, or null when it is welcome. */
  private String refusal(Hello hello, Lane lane) {
    long self = ctx.memberId();
    long sender = hello.getSenderId();
    if (lane == null) {
      return "unknown lane " + hello.getLane();
    }
    if (hello.getClusterId() != ctx.config().clusterId()) {
      return "cluster id mismatch: this member is in cluster "
          + Long.toHexString(ctx.config().clusterId()) + ", the Hello names "
          + Long.toHexString(hello.getClusterId());
    }
    if (hello.getReceiverId() != self) {
      return "this member is " + Long.toHexString(self) + ", not "
          + Long.toHexString(hello.getReceiverId());
    }
    if (sender == self || sender == 0) {
      return "sender id " + Long.toHexString(sender) + " is not another member";
    }
    if (server.known().isRemoved(sender)) {
      return "member " + Long.toHexString(sender) + " was removed from the cluster";
    }
    if (!server.known().isPeer(sender)) {
      if (!ctx.config().acceptUnknownPeers()) {
        return "member " + Long.toHexString(sender) + " is not a peer of this member";
      }
      server.logUnknownOnce(sender);
      introduce(sender, hello);
    }
    return null;
  }

  /**
   * A member that is not a peer yet dialed us: tell the runtime where it can be reached, so this
   * member can answer it even if it missed the conf change that added it (etcd learns such a
   * "remote" from a request's X-PeerURLs header).
   */
  private void introduce(long sender, Hello hello) {
    java.util.List<java.net.URI> urls = new java.util.ArrayList<>();
    for (String u : hello.getSenderPeerUrlsList()) {
      try {
        urls.add(java.net.URI.create(u));
      } catch (IllegalArgumentException e) {
        return; // not a URL: nothing to introduce
      }
    }
    if (!urls.isEmpty()) {
      ctx.inbound().unknownPeer(sender, urls);
    }
  }

  private void answerClusterInfo(ChannelHandlerContext c) {
    byte[] info;
    try {
      info = ctx.config().clusterInfo().get();
    } catch (RuntimeException e) {
      refuse(c, "no cluster info: " + e.getMessage());
      return;
    }
    c.writeAndFlush(Frames.clusterInfo(info)).addListener(ChannelFutureListener.CLOSE);
  }

  private void refuse(ChannelHandlerContext c, String reason) {
    refuse(c, Frames.goodbye(reason));
  }

  private void refuse(ChannelHandlerContext c, Frame goodbye) {
    log.warn("refused connection from {}: {}", c.channel().remoteAddress(), goodbye.getGoodbye().getReason());
    InboundChannels.markClosedByUs(c.channel());
    c.writeAndFlush(goodbye).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext c, Object event) {
    if (event instanceof IdleStateEvent) {
      InboundChannels.closeByUs(c.channel());
    } else {
      c.fireUserEventTriggered(event);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
    log.debug("handshake with {} failed: {}", c.channel().remoteAddress(), cause.toString());
    InboundChannels.closeByUs(c.channel());
  }
}
