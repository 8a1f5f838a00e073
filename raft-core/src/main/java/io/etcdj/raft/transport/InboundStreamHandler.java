package io.etcdj.raft.transport;

import io.etcdj.raft.Message;
import io.etcdj.raft.transport.wire.Frame;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a peer's control or append lane after the handshake (etcd's streamReader): hands each
 * message addressed to this member to Raft, answers pings, and when the peer's side closes the
 * control lane (its process died, its host reset the connection) reports the peer disconnected.
 * One instance per channel, on its loop.
 */
final class InboundStreamHandler extends SimpleChannelInboundHandler<InboundFrame> {
  private static final Logger log = LoggerFactory.getLogger(InboundStreamHandler.class);

  private final TransportContext ctx;
  private final InboundChannels channels;
  private final long sender;
  private final Lane lane;
  private final PeerCounters counters;
  private boolean unflushed;
  private long misaddressed;

  InboundStreamHandler(TransportContext ctx, InboundChannels channels, long sender, Lane lane,
                       PeerCounters counters) {
    this.ctx = ctx;
    this.channels = channels;
    this.sender = sender;
    this.lane = lane;
    this.counters = counters;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext c, InboundFrame in) {
    Frame frame = in.frame();
    switch (frame.getBodyCase()) {
      case MESSAGE -> {
        Message m = WireCodec.decode(frame.getMessage());
        if (m.to() != ctx.memberId()) {
          counters.received(0, in.wireBytes());
          if (misaddressed++ == 0) {
            log.warn("{} sent a {} for {} on its {} lane; dropped (and any more like it)",
                Long.toHexString(sender), m.type(), Long.toHexString(m.to()), lane);
          }
          return;
        }
        counters.received(1, in.wireBytes());
        ctx.inbound().receive(m);
      }
      case PING -> {
        counters.received(0, in.wireBytes());
        Frame pong = Frames.pong(frame.getPing().getSentNanos());
        c.write(pong, c.voidPromise());
        counters.sent(0, FrameEncoder.wireBytes(pong));
        unflushed = true;
      }
      default -> {
        String reason = "unexpected " + frame.getBodyCase() + " on the " + lane + " lane";
        log.warn("{} sent {}; closing", Long.toHexString(sender), reason);
        InboundChannels.markClosedByUs(c.channel());
        c.writeAndFlush(Frames.goodbye(reason)).addListener(ChannelFutureListener.CLOSE);
      }
    }
  }

  /** Pongs are flushed once per read burst, not once each. */
  @Override
  public void channelReadComplete(ChannelHandlerContext c) {
    if (unflushed) {
      unflushed = false;
      c.flush();
    }
    c.fireChannelReadComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext c) {
    // Reported before the channel is forgotten, so whoever sees the count drop sees the report.
    if (lane == Lane.CONTROL && !InboundChannels.closedByUs(c.channel())) {
      log.info("{} closed its control lane to this member", Long.toHexString(sender));
      ctx.inbound().peerDisconnected(sender);
    }
    channels.closed(sender, c.channel());
    c.fireChannelInactive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext c, Object event) {
    if (event instanceof IdleStateEvent) {
      log.warn("{} lane from {}: nothing read for {}; closing", lane, Long.toHexString(sender),
          ctx.config().peerTimeout());
      InboundChannels.closeByUs(c.channel());
    } else {
      c.fireUserEventTriggered(event);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
    if (cause instanceof IOException) {
      // A reset from the peer's side: the close that follows is the peer's doing.
      log.debug("{} lane from {}: {}", lane, Long.toHexString(sender), cause.toString());
      c.close();
    } else {
      log.warn("{} lane from {} broken; closing", lane, Long.toHexString(sender), cause);
      InboundChannels.closeByUs(c.channel());
    }
  }
}
