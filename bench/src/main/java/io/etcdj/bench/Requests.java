package io.etcdj.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Builds the v2 requests the load generator sends. Stateless; safe from any thread. */
final class Requests {
  private Requests() {}

  static FullHttpRequest get(Target t, String pathAndQuery) {
    FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, pathAndQuery,
        Unpooled.EMPTY_BUFFER);
    r.headers().set(HttpHeaderNames.HOST, t.hostHeader());
    r.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
    return r;
  }

  /** A PUT that takes ownership of {@code body} (sent once, released by the encoder). */
  static FullHttpRequest putOwned(Target t, String path, ByteBuf body) {
    FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, path, body);
    r.headers().set(HttpHeaderNames.HOST, t.hostHeader());
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_X_WWW_FORM_URLENCODED);
    r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
    return r;
  }

  /**
   * The closed loops' requests, encoded by hand: the same request line and headers as
   * {@link #putOwned} (Host, Content-Type, Content-Length) written as one buffer with the shared body
   * behind it, so the load tool spends as little of the machine as it can on its own encoding.
   */
  static ByteBuf encodedPut(Target t, String path, ByteBuf body) {
    byte[] head = ("PUT " + path + " HTTP/1.1\r\nhost: " + t.hostHeader()
        + "\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: " + body.readableBytes()
        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    return Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(head), body.retainedDuplicate());
  }

  /** As {@link #get}, encoded by hand (see {@link #encodedPut}). */
  static ByteBuf encodedGet(Target t, String pathAndQuery) {
    return Unpooled.wrappedBuffer(("GET " + pathAndQuery + " HTTP/1.1\r\nhost: " + t.hostHeader()
        + "\r\ncontent-length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
  }

  /** A read-only form body {@code value=xxx...} of {@code valueSize} value bytes, shared by every PUT. */
  static ByteBuf valueBody(int valueSize) {
    return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(
        ("value=" + "x".repeat(Math.max(0, valueSize))).getBytes(StandardCharsets.US_ASCII)));
  }

  /** {@code prefix + "/k" + i} for every i in the key space, computed once. */
  static String[] keyPaths(String prefix, int keySpace) {
    String[] paths = new String[keySpace];
    for (int i = 0; i < keySpace; i++) paths[i] = prefix + "/k" + i;
    return paths;
  }
}
