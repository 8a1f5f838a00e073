package io.etcdj.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Aggregates a request into one message, refusing bodies past the limit with an etcd-style JSON
 * 413 (then closing: the rest of the body is still on the wire) instead of Netty's bare answer.
 */
final class BoundedAggregator extends HttpObjectAggregator {
  /** etcd's 1.5 MiB request limit, tripled for worst-case form URL-encoding, with headroom. */
  static final int MAX_CONTENT_BYTES = 8 * 1024 * 1024;

  BoundedAggregator() { super(MAX_CONTENT_BYTES, true); }

  @Override protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    FullHttpResponse response = HttpResponses.jsonError(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
        "etcdserver: request is too large");
    response.headers().set("Connection", HttpHeaderValues.CLOSE);
    response.headers().set("Access-Control-Allow-Origin", "*");
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
