package io.etcdj.http.keys;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;

/**
 * Go's HTTP server's answer to a request it refuses before any handler sees it, byte for byte:
 * {@code 400 Bad Request} (with Go's reason after a colon when it gives one: a bad Host header,
 * an invalid header name or value), {@code 431} for a head over Go's 1 MB, {@code 501} for a
 * Transfer-Encoding other than chunked, {@code 505} for an HTTP version other than 1.x, each in
 * the status line and the body; written below the HTTP layer, so no CORS, Date or length; and
 * {@code 417} for an Expect other than 100-continue, which Go writes as a response (Date, length
 * 0, no CORS). Then the connection closes. Stateless.
 */
public final class GoRefusal {
  private static final String PLAIN_HEADERS = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n";

  private GoRefusal() {}

  /**
   * A refused request, carried as the failed decoder result of the request that stands in for it
   * (see {@link GoRequestDecoder}), so that its answer is written in its turn, after the answers
   * to the requests before it.
   */
  public static final class Refused extends RuntimeException {
    private final String statusText; // "400 Bad Request: reason", "431 Request Header Fields Too Large", ...
    private final String body;
    private final boolean asResponse; // 417: written as Go's response writer writes it

    private Refused(String statusText, String body, boolean asResponse) {
      super(statusText, null, false, false);
      this.statusText = statusText;
      this.body = body;
      this.asResponse = asResponse;
    }

    ByteBuf answer() {
      String text = asResponse
          ? "HTTP/1.1 " + statusText + "\r\nConnection: close\r\nDate: " + HttpDate.now() + "\r\nContent-Length: 0\r\n\r\n"
          : "HTTP/1.1 " + statusText + PLAIN_HEADERS + body;
      return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  /** Go's 400, {@code reason} "" for a bare one. */
  public static Refused badRequest(String reason) {
    String text = reason.isEmpty() ? "400 Bad Request" : "400 Bad Request: " + reason;
    return new Refused(text, text, false);
  }

  static Refused headerTooLarge() {
    return new Refused("431 Request Header Fields Too Large", "431 Request Header Fields Too Large", false);
  }

  static Refused unsupportedTransferEncoding() {
    return new Refused("501 Not Implemented", "Unsupported transfer encoding", false);
  }

  static Refused versionNotSupported() {
    String text = "505 HTTP Version Not Supported: unsupported protocol version";
    return new Refused(text, text, false);
  }

  static Refused expectationFailed() {
    return new Refused("417 Expectation Failed", "", true);
  }

  /** The answer's bytes; {@code reason} "" for a bare 400. */
  static ByteBuf answer(String reason) {
    return badRequest(reason).answer();
  }

  /**
   * Writes the answer past the HTTP encoder (from the codec's place in the pipeline down, so
   * through anything below it, a TLS handler included) after whatever was written before it,
   * then closes.
   */
  public static void sendAndClose(ChannelHandlerContext ctx, String reason) {
    sendAndClose(ctx, badRequest(reason));
  }

  public static void sendAndClose(ChannelHandlerContext ctx, Refused refusal) {
    ChannelHandlerContext from = ctx.pipeline().context(KeysServerCodec.class);
    if (from == null) {
      from = ctx.pipeline().firstContext(); // a pipeline with another codec (tests): below everything
    }
    (from != null ? from : ctx).writeAndFlush(refusal.answer()).addListener(ChannelFutureListener.CLOSE);
  }
}
