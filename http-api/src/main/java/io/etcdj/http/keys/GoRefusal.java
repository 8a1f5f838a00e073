package io.etcdj.http.keys;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;

/**
 * Go's HTTP server's answer to a request it refuses before any handler sees it (a request line
 * it cannot parse, a bad Host header), byte for byte: {@code 400 Bad Request}, with Go's reason
 * after a colon when it gives one, in the status line and the body; written below the HTTP
 * layer, so no CORS, Date or length; then the connection closes. Stateless.
 */
public final class GoRefusal {
  private static final byte[] BARE = bytes("");

  private GoRefusal() {}

  /** The answer's bytes; {@code reason} "" for a bare 400. */
  static ByteBuf answer(String reason) {
    return Unpooled.wrappedBuffer(reason.isEmpty() ? BARE : bytes(reason));
  }

  /**
   * Writes the answer straight to the socket (from the first handler down, past the encoder)
   * after whatever was written before it, then closes.
   */
  public static void sendAndClose(ChannelHandlerContext ctx, String reason) {
    ChannelHandlerContext first = ctx.pipeline().firstContext();
    (first != null ? first : ctx).writeAndFlush(answer(reason)).addListener(ChannelFutureListener.CLOSE);
  }

  private static byte[] bytes(String reason) {
    String text = reason.isEmpty() ? "400 Bad Request" : "400 Bad Request: " + reason;
    return ("HTTP/1.1 " + text + "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n" + text)
        .getBytes(StandardCharsets.US_ASCII);
  }
}
