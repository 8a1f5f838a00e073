package io.etcdj.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Writing complete responses the way Go's net/http does for etcd's small endpoints: a
 * Content-Length, keep-alive as the request asked, and {@code http.Error}'s text bodies.
 */
final class HttpResponses {
  static final String JSON = "application/json";
  static final String TEXT = "text/plain; charset=utf-8";
  static final String CLUSTER_ID = "X-Etcd-Cluster-Id";

  private HttpResponses() {}

  static FullHttpResponse response(HttpResponseStatus status, String contentType, byte[] body) {
    ByteBuf content = body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
    if (contentType != null) {
      response.headers().set("Content-Type", contentType);
    }
    if (status.code() != 204) { // Go sends no Content-Length on 204
      response.headers().setInt("Content-Length", body.length);
    }
    return response;
  }

  static FullHttpResponse response(HttpResponseStatus status, String contentType, String body) {
    return response(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Go's http.Error: text/plain, nosniff, the message and a newline. */
  static FullHttpResponse error(HttpResponseStatus status, String message) {
    FullHttpResponse response = response(status, TEXT, message + "\n");
    response.headers().set("X-Content-Type-Options", "nosniff");
    return response;
  }

  /** etcd's allowMethod refusal: 405 with the Allow header. */
  static FullHttpResponse methodNotAllowed(String allow) {
    FullHttpResponse response = error(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed");
    if (allow != null) {
      response.headers().set("Allow", allow);
    }
    return response;
  }

  /** etcd's httptypes.HTTPError: {@code {"message":..}} without a trailing newline. */
  static FullHttpResponse jsonError(HttpResponseStatus status, String message) {
    return response(status, JSON, "{\"message\":" + GoJson.quote(message) + "}");
  }

  static FullHttpResponse notFound() {
    return error(HttpResponseStatus.NOT_FOUND, "404 page not found");
  }

  /** Writes {@code response}, keeping the connection open only if the request allows it. */
  static void send(ChannelHandlerContext ctx, HttpRequest request, FullHttpResponse response) {
    if (HttpUtil.isKeepAlive(request)) {
      if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
        response.headers().set("Connection", HttpHeaderValues.KEEP_ALIVE);
      }
      ctx.writeAndFlush(response, ctx.voidPromise());
    } else {
      response.headers().set("Connection", HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
