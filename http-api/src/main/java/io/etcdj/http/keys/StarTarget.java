package io.etcdj.http.keys;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;

/**
 * Go's answers to the request target "*", as etcd 3.4.23 gave them: {@code OPTIONS *} is Go's
 * own globalOptionsHandler (200, a zero length and a Date, no CORS: no etcd handler runs; the
 * connection stays open); any other method reaches ServeMux inside etcd's CORS handler, which
 * answers 400 with {@code Connection: close}, then closes. Stateless.
 */
public final class StarTarget {
  private StarTarget() {}

  public static boolean is(String uri) {
    return uri.equals("*");
  }

  /** Answers a request for "*" on the channel's event loop. */
  public static void answer(ChannelHandlerContext ctx, boolean options) {
    String head = options
        ? "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nDate: " + HttpDate.now() + "\r\n\r\n"
        : "HTTP/1.1 400 Bad Request\r\nAccess-Control-Allow-Headers: accept, content-type, authorization\r\n"
            + "Access-Control-Allow-Methods: POST, GET, OPTIONS, PUT, DELETE\r\nAccess-Control-Allow-Origin: *\r\n"
            + "Connection: close\r\nDate: " + HttpDate.now() + "\r\nContent-Length: 0\r\n\r\n";
    WireResponse wire = new WireResponse(Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII)));
    if (options) {
      ctx.writeAndFlush(wire, ctx.voidPromise());
    } else {
      ctx.writeAndFlush(wire).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
