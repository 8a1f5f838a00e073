package io.etcdj.http;

import io.etcdj.http.keys.WireResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;

/**
 * Keeps HTTP/1.1 pipelining correct although handlers answer asynchronously (a write waits for
 * Raft): one request per connection is handed on at a time; the next is released when the
 * previous response's last part has been written. Also stamps every response with the headers
 * etcd's HTTP stack adds everywhere (CORS, Date). One instance per channel; runs on the
 * channel's event loop.
 */
final class ResponseSequencer extends ChannelDuplexHandler {
  private static final int MAX_QUEUED = 64;
  private static volatile String cachedDate = "";
  private static volatile long cachedDateSecond;

  private final ArrayDeque<FullHttpRequest> queued = new ArrayDeque<>();
  private boolean inFlight;
  // The client shut its sending side down (nc -N, some HTTP libraries): every request already
  // read is still answered, in order, and the connection closes after the last answer, as Go's
  // server does; closing at once (Netty's default) lost the answer of a write it had applied.
  private boolean inputClosed;

  @Override public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      inputClosed = true;
      if (!inFlight && queued.isEmpty()) {
        ctx.close();
        return;
      }
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (inFlight) {
      queued.add(request);
      if (queued.size() >= MAX_QUEUED) {
        ctx.channel().config().setAutoRead(false); // back-pressure a client that pipelines too far ahead
      }
      return;
    }
    inFlight = true;
    ctx.fireChannelRead(request);
  }

  @Override public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response) {
      stamp(response.headers());
    }
    ctx.write(msg, promise);
    if (msg instanceof LastHttpContent || msg instanceof WireResponse) { // a WireResponse is whole and stamped
      if (inputClosed && queued.isEmpty()) {
        inFlight = false;
        // an empty write completes once everything before it is flushed: then close
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      } else if (queued.isEmpty() && ctx.channel().config().isAutoRead()) {
        inFlight = false; // nothing waits: no need for a task
      } else {
        ctx.executor().execute(() -> releaseNext(ctx)); // not re-entrantly from inside a write
      }
    }
  }

  private void releaseNext(ChannelHandlerContext ctx) {
    inFlight = false;
    if (!ctx.channel().isActive()) {
      releaseQueued();
      return;
    }
    FullHttpRequest next = queued.poll();
    if (next != null) {
      inFlight = true;
      ctx.fireChannelRead(next);
    } else if (!ctx.channel().config().isAutoRead()) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  @Override public void channelInactive(ChannelHandlerContext ctx) {
    releaseQueued();
    ctx.fireChannelInactive();
  }

  @Override public void handlerRemoved(ChannelHandlerContext ctx) { releaseQueued(); }

  private void releaseQueued() {
    for (FullHttpRequest request = queued.poll(); request != null; request = queued.poll()) {
      request.release();
    }
  }

  private static void stamp(HttpHeaders headers) {
    if (!headers.contains("Access-Control-Allow-Origin")) {
      headers.set("Access-Control-Allow-Headers", "accept, content-type, authorization");
      headers.set("Access-Control-Allow-Methods", "POST, GET, OPTIONS, PUT, DELETE");
      headers.set("Access-Control-Allow-Origin", "*");
    }
    if (!headers.contains("Date")) {
      headers.set("Date", date());
    }
  }

  private static String date() {
    long now = System.currentTimeMillis();
    long second = now / 1000;
    if (second != cachedDateSecond) {
      cachedDate = GoFormats.httpDate(now);
      cachedDateSecond = second;
    }
    return cachedDate;
  }
}
