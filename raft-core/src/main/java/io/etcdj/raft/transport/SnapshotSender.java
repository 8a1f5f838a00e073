package io.etcdj.raft.transport;

import com.google.protobuf.UnsafeByteOperations;
import io.etcdj.raft.Message;
import io.etcdj.raft.transport.wire.Frame;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one MsgSnap on a connection of its own (etcd's snapshotSender), so a snapshot of any size
 * never delays the control and append lanes. The data goes in chunks, each written only while
 * the channel is writable: memory held is bounded by the channel's high water mark, not by the
 * snapshot's size. Delivered means the receiver acknowledged handing the whole message to Raft;
 * the outcome is reported through {@link RaftInbound#reportSnapshot} exactly once, unless the
 * peer was removed or the transport closed first.
 *
 * <p>Owned by the peer's event loop from {@link #start()} on.
 */
final class SnapshotSender {
  private static final Logger log = LoggerFactory.getLogger(SnapshotSender.class);

  private final TransportContext ctx;
  private final long peerId;
  private final EventLoop loop;
  private final PeerUrls urls;
  private final PeerCounters counters;
  private final Message message;
  private final byte[] data;
  private final int chunkBytes;
  /** Told when this sender is done, whichever way, so the peer forgets it. */
  private final Consumer<SnapshotSender> onDone;

  private Channel channel;
  private URI url;
  private boolean welcomed;
  private boolean headerSent;
  private int offset;
  private int chunkIndex;
  /** The chunk the test hook last let through; a hook still pending holds the sender. */
  private int chunkAllowed = -1;
  private boolean awaitingHook;
  private long bytesSent;
  private boolean done;

  SnapshotSender(TransportContext ctx, long peerId, EventLoop loop, PeerUrls urls,
                 PeerCounters counters, Message message, Consumer<SnapshotSender> onDone) {
    this.ctx = ctx;
    this.peerId = peerId;
    this.loop = loop;
    this.urls = urls;
    this.counters = counters;
    this.message = message;
    this.data = message.snapshot().data() == null ? new byte[0] : message.snapshot().data();
    this.chunkBytes = ctx.config().snapshotChunkBytes();
    this.onDone = onDone;
  }

  void start() {
    url = urls.current();
    log.info("sending snapshot at index {} ({} bytes) to {}", message.snapshot().metadata().index(),
        data.length, Long.toHexString(peerId));
    // Idle in both directions for peerTimeout (no chunk leaving, no answer) means stalled.
    IdleStateHandler idle = new IdleStateHandler(true, 0, 0,
        ctx.config().peerTimeout().toNanos(), TimeUnit.NANOSECONDS);
    ChannelFuture connect = Dialer.dial(ctx, loop, url, idle, new Handler());
    channel = connect.channel();
    channel.closeFuture().addListener(f -> finish(true, "connection closed"));
    connect.addListener(f -> {
      if (f.isSuccess()) {
        Frame hello = Frames.hello(ctx.config().clusterId(), ctx.memberId(), peerId,
            Lane.SNAPSHOT.wire(), ctx.config().advertisedUrls());
        write(hello);
        channel.flush();
      } else {
        finish(true, f.cause().toString());
      }
    });
  }

  /** The peer was removed or the transport closes: stop without telling Raft anything. */
  void abandon() {
    done = true;
    channel.close();
  }

  private void welcomed() {
    welcomed = true;
    write(Frames.snapshotHeader(WireCodec.encodeWithoutSnapshotData(message), data.length));
    headerSent = true;
    sendChunks();
  }

  /** Writes chunks while the channel takes them; resumed by writability and by the hook. */
  private void sendChunks() {
    if (done || !headerSent || awaitingHook) {
      return;
    }
    while (offset < data.length && channel.isWritable()) {
      if (chunkAllowed != chunkIndex) {
        CompletableFuture<Void> gate =
            ctx.hooks().beforeSnapshotChunk(peerId, chunkIndex).toCompletableFuture();
        if (!gate.isDone()) {
          awaitingHook = true;
          int waitingFor = chunkIndex;
          gate.whenComplete((v, e) -> loop.execute(() -> {
            awaitingHook = false;
            chunkAllowed = waitingFor;
            sendChunks();
          }));
          break;
        }
        chunkAllowed = chunkIndex;
      }
      int len = Math.min(chunkBytes, data.length - offset);
      write(Frames.snapshotChunk(UnsafeByteOperations.unsafeWrap(data, offset, len)));
      offset += len;
      chunkIndex++;
    }
    channel.flush();
  }

  private void write(Frame frame) {
    channel.write(frame, channel.voidPromise());
    int wireBytes = FrameEncoder.wireBytes(frame);
    bytesSent += wireBytes;
    counters.sent(0, wireBytes);
  }

  private void finish(boolean failed, String why) {
    if (done) {
      return;
    }
    done = true;
    channel.close();
    onDone.accept(this);
    long index = message.snapshot().metadata().index();
    if (failed) {
      log.warn("snapshot at index {} to {} failed after {} of {} bytes: {}", index,
          Long.toHexString(peerId), offset, data.length, why);
      if (!welcomed) {
        urls.failed(url);
      }
      counters.failed(1);
      ctx.unreachable().report(peerId);
    } else {
      log.info("snapshot at index {} delivered to {} ({} bytes on the wire)", index,
          Long.toHexString(peerId), bytesSent);
      counters.sent(1, 0);
    }
    ctx.inbound().reportSnapshot(peerId, failed);
  }

  /** Reads the receiver's answers: its handshake answer, then the acknowledgement. */
  private final class Handler extends SimpleChannelInboundHandler<InboundFrame> {
    @Override
    protected void channelRead0(ChannelHandlerContext c, InboundFrame in) {
      Frame frame = in.frame();
      counters.received(0, in.wireBytes());
      switch (frame.getBodyCase()) {
        case WELCOME -> {
          if (!welcomed) {
            welcomed();
          }
        }
        case SNAPSHOT_ACK -> {
          if (offset == data.length) {
            finish(false, "");
          } else {
            finish(true, "acknowledged before all data was sent");
          }
        }
        case GOODBYE -> finish(true, "refused: " + frame.getGoodbye().getReason());
        default -> finish(true, "unexpected " + frame.getBodyCase());
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext c) {
      if (c.channel().isWritable()) {
        sendChunks();
      }
      c.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext c, Object event) {
      if (event instanceof IdleStateEvent) {
        finish(true, "stalled for " + ctx.config().peerTimeout());
      } else {
        c.fireUserEventTriggered(event);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
      finish(true, cause.toString());
    }
  }
}
