package io.etcdj.http;

import com.sun.management.UnixOperatingSystemMXBean;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * At most {@code --max-client-connections} client connections at once (etcd 3.4 has no such
 * limit; each connection may hold a request buffer of up to 10 MiB). One past the limit gets
 * {@code 503 Service Unavailable: too many open connections}, written as Go writes its own
 * refusals (plain text, then the close), without its request being read; on a TLS port, where
 * plain text would be garbage and an answer would need the handshake first, it is closed without a
 * byte. Shared by every client channel of a member (the TLS side through {@link #tlsSide}): the
 * count is atomic, updated on each channel's event loop.
 */
@ChannelHandler.Sharable
final class ClientConnectionLimit extends ChannelInboundHandlerAdapter {
  /** The default of --max-client-connections where the open-file limit is unknown. */
  static final int FALLBACK_MAX = 10_000;
  private static final byte[] REFUSAL = ("HTTP/1.1 503 Service Unavailable: too many open connections\r\n"
      + "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"
      + "503 Service Unavailable: too many open connections").getBytes(StandardCharsets.US_ASCII);

  private final int max;
  private final AtomicInteger open;
  private final Consumer<String> limitHit;
  private final boolean answerInClear;

  ClientConnectionLimit(int max, Consumer<String> limitHit) {
    this(max, new AtomicInteger(), limitHit, true);
  }

  private ClientConnectionLimit(int max, AtomicInteger open, Consumer<String> limitHit, boolean answerInClear) {
    this.max = max;
    this.open = open;
    this.limitHit = limitHit;
    this.answerInClear = answerInClear;
  }

  /** The same limit and count for TLS ports: one connection past it is closed without an answer. */
  ClientConnectionLimit tlsSide() { return new ClientConnectionLimit(max, open, limitHit, false); }

  /**
   * The default of --max-client-connections: what the open-file limit leaves after a reserve for
   * RocksDB's files, the peers and the listeners (a quarter of it, at most 1,024), so one
   * connection too many gets the 503 rather than an accept that fails for want of a descriptor.
   * The JVM raises its soft limit to the hard one at start (as Go does for etcd), so with 20,000
   * descriptors a member takes 18,976 clients: a 10,000-watcher registry and its writers fit.
   */
  static int defaultMax() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
      return defaultMax(unix.getMaxFileDescriptorCount());
    }
    return FALLBACK_MAX;
  }

  static int defaultMax(long openFileLimit) {
    if (openFileLimit <= 0) {
      return FALLBACK_MAX;
    }
    long reserve = Math.min(1_024, openFileLimit / 4);
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, openFileLimit - reserve));
  }

  int open() { return open.get(); }

  @Override public void channelActive(ChannelHandlerContext ctx) throws Exception {
    if (open.incrementAndGet() > max) {
      limitHit.accept("max_client_connections");
      ctx.channel().config().setAutoRead(false);
      if (!answerInClear) {
        ctx.close();
        return;
      }
      ctx.writeAndFlush(Unpooled.wrappedBuffer(REFUSAL)).addListener(ChannelFutureListener.CLOSE);
      return; // nothing of this connection reaches the HTTP handlers
    }
    super.channelActive(ctx);
  }

  @Override public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    open.decrementAndGet();
    super.channelInactive(ctx);
  }
}
