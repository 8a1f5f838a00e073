package io.etcdj.bench;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.concurrent.CountDownLatch;

/**
 * One keep-alive connection of a closed loop: it sends its next request when the previous answer
 * arrives. All its state is owned by its channel's event loop.
 */
final class ClosedLoopHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
  private final LoadRun run;
  private final RequestSource source;
  private final Target target;
  private final CountDownLatch finished;
  private long sentAtNanos;
  private boolean counted;

  ClosedLoopHandler(LoadRun run, RequestSource source, Target target, CountDownLatch finished) {
    this.run = run;
    this.source = source;
    this.target = target;
    this.finished = finished;
  }

  @Override public void channelActive(ChannelHandlerContext ctx) {
    sendNext(ctx);
  }

  @Override protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
    run.answered(response.status().code(), System.nanoTime() - sentAtNanos);
    sendNext(ctx);
  }

  private void sendNext(ChannelHandlerContext ctx) {
    FullHttpRequest next = run.sending() ? source.next(target) : null;
    if (next == null) {
      ctx.close();
      return;
    }
    sentAtNanos = System.nanoTime();
    ctx.writeAndFlush(next, ctx.voidPromise());
  }

  @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    run.transportError();
    ctx.close();
  }

  @Override public void channelInactive(ChannelHandlerContext ctx) {
    if (!counted) {
      counted = true;
      finished.countDown();
    }
  }
}
