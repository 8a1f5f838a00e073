package io.etcdj.raft.transport;

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
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-lived outbound lane (control or append) to one peer, after etcd's streamWriter: a
 * bounded queue in front of one TCP connection, dialed again with backoff whenever it is lost.
 *
 * <p>Threads: everything here is owned by the peer's event loop, except {@link #admit()}, which
 * the Raft thread calls to reserve a place in the queue before handing the message over, and
 * {@link #state()}, read by anyone. Reserving up front is what lets {@code send} drop at once,
 * without blocking, when the queue is full.
 */
final class OutboundStream {
  private static final Logger log = LoggerFactory.getLogger(OutboundStream.class);

  private final TransportContext ctx;
  private final long peerId;
  private final Lane lane;
  private final EventLoop loop;
  private final PeerUrls urls;
  private URI dialed; // the URL of the current or last dial
  private final PeerCounters counters;
  private final Backoff backoff;
  private final int capacity;

  /** Messages reserved by {@link #admit()} and not yet written to a channel or dropped. */
  private final AtomicInteger reserved = new AtomicInteger();
  /** Written by the loop, read by the Raft thread in {@link #admit()} and by stats. */
  private volatile ConnectionState state = ConnectionState.CONNECTING;

  private final ArrayDeque<Message> queue = new ArrayDeque<>();
  /** The connection being dialed or in use; null while waiting to dial again. */
  private Channel channel;
  /** Whether {@link #channel} completed its handshake. */
  private boolean welcomed;
  /** Whether the peer's last answer was a Goodbye. */
  private boolean refused;
  private boolean stopped;
  /** Whether the connection is being closed to dial new URLs (not a failure of the old URL). */
  private boolean redialing;
  private ScheduledFuture<?> pinger;
  private ScheduledFuture<?> redial;

  OutboundStream(TransportContext ctx, long peerId, Lane lane, EventLoop loop, PeerUrls urls,
                 PeerCounters counters) {
    this.ctx = ctx;
    this.peerId = peerId;
    this.lane = lane;
    this.loop = loop;
    this.urls = urls;
    this.counters = counters;
    PeerTransportConfig config = ctx.config();
    this.backoff = new Backoff(config.reconnectMin(), config.reconnectMax());
    this.capacity = config.queueCapacity();
  }

  ConnectionState state() { return state; }

  /**
   * Raft thread: reserves a place for one message, or says it must be dropped (no connection, or
   * the queue holds {@code queueCapacity} already).
   */
  boolean admit() {
    if (state != ConnectionState.CONNECTED) {
      return false;
    }
    if (reserved.incrementAndGet() > capacity) {
      reserved.decrementAndGet();
      return false;
    }
    return true;
  }

  /** Loop: queues an admitted message (or drops it, if the connection went in the meantime). */
  void enqueue(Message m) {
    if (!welcomed) {
      reserved.decrementAndGet();
      dropped(1);
      return;
    }
    queue.add(m);
  }

  /** Loop: writes what the channel will take, then flushes once for all of it. */
  void flush() {
    if (!welcomed) {
      return;
    }
    Channel ch = channel;
    int messages = 0;
    long bytes = 0;
    int tooLarge = 0;
    while (!queue.isEmpty() && ch.isWritable()) {
      Message m = queue.poll();
      reserved.decrementAndGet();
      Frame frame = Frames.message(WireCodec.encode(m));
      int wireBytes = FrameEncoder.wireBytes(frame);
      if (wireBytes - FrameEncoder.LENGTH_BYTES > ctx.config().maxFrameBytes()) {
        tooLarge++;
        continue;
      }
      ch.write(frame, ch.voidPromise());
      messages++;
      bytes += wireBytes;
    }
    if (messages > 0) {
      ch.flush();
      counters.sent(messages, bytes);
    }
    if (tooLarge > 0) {
      log.warn("dropped {} message(s) to {} larger than maxFrameBytes {}", tooLarge,
          Long.toHexString(peerId), ctx.config().maxFrameBytes());
      dropped(tooLarge);
    }
  }

  /** Loop: makes the first connection. */
  void start() { dial(); }

  /** Loop: the peer's URLs changed; drop the connection and dial the new ones now. */
  void redialNow() {
    if (stopped) {
      return;
    }
    backoff.reset();
    if (channel != null) {
      redialing = true;
      channel.close();
    } else {
      if (redial != null) {
        redial.cancel(false);
      }
      dial();
    }
  }

  /** Loop: the peer was removed or the transport closes; nothing is reported any more. */
  void stop() {
    stopped = true;
    state = ConnectionState.CLOSED;
    cancelTimers();
    int n = queue.size();
    queue.clear();
    reserved.addAndGet(-n);
    if (channel != null) {
      channel.close();
    }
  }

  private void dial() {
    redial = null;
    if (stopped) {
      return;
    }
    dialed = urls.current();
    ChannelFuture connect = Dialer.dial(ctx, loop, dialed,
        new IdleStateHandler(ctx.config().peerTimeout().toNanos(), 0, 0, TimeUnit.NANOSECONDS),
        new Handler());
    Channel ch = connect.channel();
    channel = ch;
    welcomed = false;
    ch.closeFuture().addListener(f -> closed(ch));
    connect.addListener(f -> {
      if (f.isSuccess()) {
        ch.writeAndFlush(Frames.hello(ctx.config().clusterId(), ctx.memberId(), peerId,
            lane.wire(), ctx.config().advertisedUrls()), ch.voidPromise());
      } else {
        log.debug("dial {} ({}) failed: {}", Long.toHexString(peerId), lane, f.cause().toString());
        ch.close();
      }
    });
  }

  private void welcomed(Channel ch) {
    welcomed = true;
    refused = false;
    backoff.reset();
    state = ConnectionState.CONNECTED;
    log.info("{} lane to {} connected at {}", lane, Long.toHexString(peerId), dialed);
    Duration interval = ctx.config().pingInterval();
    pinger = loop.scheduleAtFixedRate(() -> ping(ch), 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    flush();
  }

  private void ping(Channel ch) {
    Frame ping = Frames.ping(System.nanoTime());
    ch.writeAndFlush(ping, ch.voidPromise());
    counters.sent(0, FrameEncoder.wireBytes(ping));
  }

  private void ponged(long sentNanos) {
    long rtt = System.nanoTime() - sentNanos;
    if (lane == Lane.CONTROL && rtt >= 0) {
      counters.roundTrip(rtt);
      ctx.config().roundTripListener().roundTrip(peerId, Duration.ofNanos(rtt));
    }
  }

  private void closed(Channel ch) {
    if (ch != channel) {
      return;
    }
    boolean wasWelcomed = welcomed;
    channel = null;
    welcomed = false;
    cancelTimers();
    int lost = queue.size();
    queue.clear();
    reserved.addAndGet(-lost);
    if (stopped) {
      return;
    }
    state = refused ? ConnectionState.REJECTED : ConnectionState.CONNECTING;
    if (wasWelcomed) {
      log.warn("{} lane to {} lost", lane, Long.toHexString(peerId));
    } else if (!redialing) {
      urls.failed(dialed);
    }
    redialing = false;
    if (lost > 0) {
      dropped(lost);
    }
    redial = loop.schedule(this::dial, backoff.nextDelayNanos(), TimeUnit.NANOSECONDS);
  }

  private void dropped(int messages) {
    counters.failed(messages);
    ctx.unreachable().report(peerId);
  }

  private void cancelTimers() {
    if (pinger != null) {
      pinger.cancel(false);
      pinger = null;
    }
    if (redial != null) {
      redial.cancel(false);
      redial = null;
    }
  }

  /** Reads what the peer writes back on this lane: its handshake answer, then pongs. */
  private final class Handler extends SimpleChannelInboundHandler<InboundFrame> {
    @Override
    protected void channelRead0(ChannelHandlerContext c, InboundFrame in) {
      Frame frame = in.frame();
      counters.received(0, in.wireBytes());
      switch (frame.getBodyCase()) {
        case WELCOME -> {
          if (!welcomed && c.channel() == channel) {
            welcomed(c.channel());
          }
        }
        case PONG -> ponged(frame.getPong().getSentNanos());
        case GOODBYE -> {
          log.warn("{} refused our {} lane: {}", Long.toHexString(peerId), lane,
              frame.getGoodbye().getReason());
          refused = true;
          if (frame.getGoodbye().getSenderRemoved()) {
            ctx.inbound().removedFromCluster(peerId);
          }
          backoff.slowest();
          c.close();
        }
        default -> {
          log.warn("{} sent {} on our {} lane; closing", Long.toHexString(peerId),
              frame.getBodyCase(), lane);
          c.close();
        }
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext c) {
      if (c.channel().isWritable() && c.channel() == channel) {
        flush();
      }
      c.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext c, Object event) {
      if (event instanceof IdleStateEvent) {
        log.warn("{} lane to {}: nothing read for {}; reconnecting", lane,
            Long.toHexString(peerId), ctx.config().peerTimeout());
        c.close();
      } else {
        c.fireUserEventTriggered(event);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
      log.debug("{} lane to {} failed: {}", lane, Long.toHexString(peerId), cause.toString());
      c.close();
    }
  }
}
