package io.etcdj.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Aggregates a request into one message, refusing bodies past the limit with an etcd-style JSON
 * 413 (then closing: the rest of the body is still on the wire) instead of Netty's bare answer.
 *
 * <p>Nearly every request arrives whole in one read: the decoder hands on its head and then its
 * whole body (or none) as the last content. Such a request is joined here into one message that
 * keeps the body's own buffer, without the aggregator's composite buffer, its component array
 * and the Content-Length it would add to a bodiless request (nothing reads a request's length
 * after decoding). Anything else (an expectation, a chunked or split body, a decoder failure)
 * goes through the aggregator unchanged. One instance per channel, owned by its event loop.
 */
final class BoundedAggregator extends HttpObjectAggregator {
  /**
   * Go reads a form no further than one byte past its 10 MiB (the decoder stops there and says
   * "http: POST too large", as Go does); so this limit is never reached behind it.
   */
  static final int MAX_CONTENT_BYTES = io.etcdj.http.keys.GoRequestDecoder.MAX_BODY_BYTES;

  private HttpRequest head; // a request head whose body should come whole in the next message

  BoundedAggregator() { super(MAX_CONTENT_BYTES, true); }

  @Override public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    HttpRequest pending = head;
    if (pending != null) {
      head = null;
      if (msg instanceof LastHttpContent last && !(msg instanceof FullHttpMessage)
          && last.decoderResult().isSuccess()) {
        DefaultFullHttpRequest whole = new DefaultFullHttpRequest(pending.protocolVersion(), pending.method(),
            pending.uri(), last.content(), pending.headers(), last.trailingHeaders(), false);
        whole.setDecoderResult(pending.decoderResult());
        ctx.fireChannelRead(whole); // owns the body's buffer now, as the last content did
        return;
      }
      super.channelRead(ctx, pending); // not whole after all: aggregate as usual
    } else if (msg instanceof HttpRequest request && !(msg instanceof FullHttpMessage) && comesWhole(request)) {
      head = request;
      return;
    }
    super.channelRead(ctx, msg);
  }

  /** What the aggregator would take as it comes: no expectation, no chunks, an acceptable length. */
  private static boolean comesWhole(HttpRequest request) {
    HttpHeaders headers = request.headers();
    if (!request.decoderResult().isSuccess() || headers.contains(HttpHeaderNames.EXPECT)
        || headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
      return false;
    }
    try {
      return HttpUtil.getContentLength(request, 0L) <= MAX_CONTENT_BYTES;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Override public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    if (head != null && !ctx.channel().config().isAutoRead()) {
      ctx.read(); // the body is still to come, as the aggregator reads on for a partial message
    }
    super.channelReadComplete(ctx);
  }

  @Override public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    HttpRequest pending = head;
    if (pending != null) {
      head = null;
      super.channelRead(ctx, pending); // closed before its body: the aggregator's own account of it
    }
    super.channelInactive(ctx);
  }

  @Override public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
    ReferenceCountUtil.release(head);
    head = null;
    super.handlerRemoved(ctx);
  }

  /** A declared length past the limit is not refused up front: Go reads up to its limit first. */
  @Override protected boolean isContentLengthInvalid(HttpMessage start, int maxContentLength) {
    return false;
  }

  @Override protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    FullHttpResponse response = HttpResponses.jsonError(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
        "etcdserver: request is too large");
    response.headers().set("Connection", HttpHeaderValues.CLOSE);
    response.headers().set("Access-Control-Allow-Origin", "*");
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
