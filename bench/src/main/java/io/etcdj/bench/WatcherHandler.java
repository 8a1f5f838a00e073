package io.etcdj.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Recorder;

/**
 * One watcher on its own connection. Long-poll: GET ...?wait=true&recursive=true&waitIndex=n,
 * one event per answer, re-armed at modifiedIndex + 1. Stream: one stream=true GET whose body
 * carries one event per line. All fields are owned by the channel's event loop.
 */
final class WatcherHandler extends SimpleChannelInboundHandler<HttpObject> {
  private final int id;
  private final Target target;
  private final String keysPath;
  private final boolean stream;
  private final boolean useWaitIndex;
  private final WatchAccounting accounting;
  private final Recorder latencyUs;
  private final CountDownLatch armed;
  private final BooleanSupplier running;
  private ByteBuf body;
  private int status;
  private boolean armedCounted;

  /**
   * @param useWaitIndex long-poll from the accounting's start index (no event can slip between
   *     re-arms); off for stream watches, where etcd answers a waitIndex found in its history
   *     with that one event and does not register the watcher
   */
  WatcherHandler(int id, Target target, String keysPath, boolean stream, boolean useWaitIndex,
                 WatchAccounting accounting, Recorder latencyUs, CountDownLatch armed,
                 BooleanSupplier running) {
    this.id = id;
    this.target = target;
    this.keysPath = keysPath;
    this.stream = stream;
    this.useWaitIndex = useWaitIndex;
    this.accounting = accounting;
    this.latencyUs = latencyUs;
    this.armed = armed;
    this.running = running;
  }

  @Override public void handlerAdded(ChannelHandlerContext ctx) {
    body = ctx.alloc().buffer(512);
  }

  @Override public void handlerRemoved(ChannelHandlerContext ctx) {
    body.release();
  }

  @Override public void channelActive(ChannelHandlerContext ctx) {
    arm(ctx, useWaitIndex);
  }

  private void arm(ChannelHandlerContext ctx, boolean withIndex) {
    if (!running.getAsBoolean()) {
      ctx.close();
      return;
    }
    StringBuilder uri = new StringBuilder(keysPath.length() + 64).append(keysPath)
        .append("?wait=true&recursive=true");
    if (withIndex) uri.append("&waitIndex=").append(accounting.nextIndex(id));
    if (stream) uri.append("&stream=true");
    ctx.writeAndFlush(Requests.get(target, uri.toString()), ctx.voidPromise());
  }

  @Override protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
    if (msg instanceof HttpResponse response) {
      status = response.status().code();
      body.clear();
      // etcd flushes the headers once the watcher is registered
      if (!armedCounted) {
        armedCounted = true;
        armed.countDown();
      }
    }
    if (msg instanceof HttpContent content) {
      body.writeBytes(content.content());
      if (stream && status == 200) drainLines();
      if (msg instanceof LastHttpContent) {
        if (!stream || status != 200) answer(body, body.readerIndex(), body.readableBytes());
        body.clear();
        // a long-poll answered, or a stream the server ended: re-arm where we left off
        arm(ctx, true);
      }
    }
  }

  private void drainLines() {
    int nl;
    while ((nl = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) '\n')) >= 0) {
      int len = nl - body.readerIndex();
      if (len > 0) answer(body, body.readerIndex(), len);
      body.readerIndex(nl + 1);
    }
    body.discardReadBytes();
  }

  private void answer(ByteBuf buf, int from, int len) {
    if (len == 0) return;
    long now = System.nanoTime();
    byte[] bytes = ByteBufUtil.getBytes(buf, from, len, false);
    WatchAnswer a = WatchAnswerParser.parse(bytes);
    if (a instanceof WatchAnswer.Event e) {
      if (e.sentNanos() > 0 && now > e.sentNanos()) {
        latencyUs.recordValue(Math.max(1, (now - e.sentNanos()) / 1_000));
      }
      accounting.event(id, e.index());
    } else if (a instanceof WatchAnswer.Error err && err.errorCode() == 401) {
      accounting.cleared(id, err.index());
    } else {
      accounting.otherError(id);
    }
  }

  @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    accounting.otherError(id);
    ctx.close();
  }
}
