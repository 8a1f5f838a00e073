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
 * refusals (plain text, then the close), without its request being read. Shared by every
 * client channel of a member: the count is atomic, updated on each channel's event loop.
 */
@ChannelHandler.Sharable
final class ClientConnectionLimit extends ChannelInboundHandlerAdapter {
  /** The default of --max-client-connections: generous, far above what a member serves well. */
  static final int DEFAULT_MAX = 10_000;
  private static final byte[] REFUSAL = ("HTTP/1.1 503 Service Unavailable: too many open connections\r\n"
      + "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"
      + "503 Service Unavailable: too many open connections").getBytes(StandardCharsets.US_ASCII);

  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private final Consumer<String> limitHit;

  ClientConnectionLimit(int max, Consumer<String> limitHit) {
    this.max = max;
    this.limitHit = limitHit;
  }

  int open() { return open.get(); }

  @Override public void channelActive(ChannelHandlerContext ctx) throws Exception {
    if (open.incrementAndGet() > max) {
      limitHit.accept("max_client_connections");
      ctx.channel().config().setAutoRead(false);
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
