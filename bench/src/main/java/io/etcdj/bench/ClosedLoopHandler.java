package io.etcdj.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.CountDownLatch;

/**
 * One keep-alive connection of a closed loop: it sends its next request when the previous answer
 * arrives. Requests go out already encoded; answers are read as decoded parts, not aggregated (the
 * body is not needed, only its end). All its state is owned by its channel's event loop.
 */
final class ClosedLoopHandler extends SimpleChannelInboundHandler<HttpObject> {
  private final LoadRun run;
  private final RequestSource source;
  private final Target target;
  private final CountDownLatch finished;
  private long sentAtNanos;
  private int status;
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

  @Override protected void channelRead0(ChannelHandlerContext ctx, HttpObject part) {
    if (part instanceof HttpResponse response) {
      status = response.status().code();
    }
    if (part instanceof LastHttpContent) {
      run.answered(status, System.nanoTime() - sentAtNanos);
      sendNext(ctx);
    }
  }

  private void sendNext(ChannelHandlerContext ctx) {
    ByteBuf next = run.sending() ? source.next(target) : null;
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
