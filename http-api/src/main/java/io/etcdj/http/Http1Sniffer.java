package io.etcdj.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * etcd 3.4 serves its client port through cmux, whose HTTP/1 matcher hands a connection to the
 * HTTP server only if its first line (within 4096 bytes) parses as "method target HTTP/1.x";
 * anything else is closed without an answer. This does the same for the first request of each
 * connection, then leaves the pipeline. Requests that pass but are malformed get Go's 400.
 */
final class Http1Sniffer extends ByteToMessageDecoder {
  private static final int MAX_LINE_BYTES = 4096; // cmux's maxHTTPRead

  @Override protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int searched = Math.min(in.readableBytes(), MAX_LINE_BYTES);
    int newline = in.indexOf(in.readerIndex(), in.readerIndex() + searched, (byte) '\n');
    if (newline < 0) {
      if (searched >= MAX_LINE_BYTES) {
        reject(ctx, in);
      }
      return; // wait for the rest of the line
    }
    String line = in.toString(in.readerIndex(), newline - in.readerIndex(), StandardCharsets.ISO_8859_1);
    if (isHttp1RequestLine(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line)) {
      ctx.pipeline().remove(this); // the buffered bytes go on to the HTTP codec
    } else {
      reject(ctx, in);
    }
  }

  /** Go's parseRequestLine + http.ParseHTTPVersion with major version 1. */
  static boolean isHttp1RequestLine(String line) {
    int first = line.indexOf(' ');
    int second = first < 0 ? -1 : line.indexOf(' ', first + 1);
    if (second < 0) {
      return false;
    }
    String proto = line.substring(second + 1);
    // Go 1.19's ParseHTTPVersion: exactly "HTTP/d.d" ("HTTP/1.10" is not a version to it)
    return proto.length() == "HTTP/1.x".length() && proto.startsWith("HTTP/1.") && Character.isDigit(proto.charAt(7))
        && proto.charAt(7) < 128;
  }

  private static void reject(ChannelHandlerContext ctx, ByteBuf in) {
    in.skipBytes(in.readableBytes());
    ctx.close();
  }
}
