package io.etcdj.raft.transport;

import com.google.protobuf.ByteString;
import io.etcdj.raft.Message;
import io.etcdj.raft.transport.wire.Frame;
import io.etcdj.raft.transport.wire.SnapshotHeader;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives one MsgSnap: its header, then its data chunk by chunk straight into one array of the
 * announced size; once all of it is there, hands Raft the one whole message and acknowledges it,
 * which is what the sender reports as delivered. One instance per channel, on its loop.
 */
final class InboundSnapshotHandler extends SimpleChannelInboundHandler<InboundFrame> {
  private static final Logger log = LoggerFactory.getLogger(InboundSnapshotHandler.class);
  /** The largest array the JVM reliably allocates. */
  private static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 16;

  private final TransportContext ctx;
  private final InboundChannels channels;
  private final long sender;
  private final PeerCounters counters;
  private SnapshotHeader header;
  private byte[] data;
  private int received;
  private boolean delivered;

  InboundSnapshotHandler(TransportContext ctx, InboundChannels channels, long sender,
                         PeerCounters counters) {
    this.ctx = ctx;
    this.channels = channels;
    this.sender = sender;
    this.counters = counters;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext c, InboundFrame in) {
    Frame frame = in.frame();
    counters.received(0, in.wireBytes());
    switch (frame.getBodyCase()) {
      case SNAPSHOT_HEADER -> {
        if (header != null) {
          refuse(c, "a second snapshot header");
          return;
        }
        header = frame.getSnapshotHeader();
        if (header.getDataBytes() > MAX_DATA_BYTES) {
          refuse(c, "snapshot of " + header.getDataBytes() + " bytes is too large");
          return;
        }
        data = new byte[(int) header.getDataBytes()];
        completeIfWhole(c);
      }
      case SNAPSHOT_CHUNK -> {
        ByteString chunk = frame.getSnapshotChunk().getData();
        if (header == null || delivered || chunk.size() > data.length - received) {
          refuse(c, "snapshot chunk beyond the announced size");
          return;
        }
        chunk.copyTo(data, received);
        received += chunk.size();
        completeIfWhole(c);
      }
      default -> refuse(c, "unexpected " + frame.getBodyCase() + " on the snapshot lane");
    }
  }

  private void completeIfWhole(ChannelHandlerContext c) {
    if (received < data.length) {
      return;
    }
    Message m = WireCodec.decode(header.getMessage(), data);
    data = null;
    if (m.to() != ctx.memberId()) {
      refuse(c, "snapshot addressed to " + Long.toHexString(m.to()));
      return;
    }
    delivered = true;
    counters.received(1, 0);
    log.info("received snapshot at index {} ({} bytes) from {}",
        m.snapshot().metadata().index(), received, Long.toHexString(sender));
    ctx.inbound().receive(m);
    c.writeAndFlush(Frames.snapshotAck(), c.voidPromise());
  }

  private void refuse(ChannelHandlerContext c, String reason) {
    log.warn("snapshot from {} refused: {}", Long.toHexString(sender), reason);
    data = null;
    delivered = true;
    InboundChannels.markClosedByUs(c.channel());
    c.writeAndFlush(Frames.goodbye(reason)).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelInactive(ChannelHandlerContext c) {
    if (!delivered) {
      log.warn("snapshot from {} cut off after {} of {} bytes", Long.toHexString(sender),
          received, header == null ? "?" : header.getDataBytes());
    }
    data = null;
    channels.closed(sender, c.channel());
    c.fireChannelInactive();
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
    log.debug("snapshot from {}: {}", Long.toHexString(sender), cause.toString());
    InboundChannels.closeByUs(c.channel());
  }
}
