package io.etcdj.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
  /** The default of --max-client-connections: generous, far above what a member serves well. */
  static final int DEFAULT_MAX = 10_000;
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
