package io.etcdj.http.keys;

import static io.etcdj.http.keys.KeysHeaders.*;

import io.etcdj.kvstore.Event;
import io.etcdj.kvstore.EventJson;
import io.etcdj.kvstore.StoreError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;

/**
 * Builds /v2/keys responses with etcd's statuses, headers (in Go's order: sorted names, then
 * Date and Content-Length) and bodies. Stateless; the bodies passed in are shared, never copied.
 */
final class KeysResponses {
  /** Headers are built from trusted constants and numbers: skip Netty's per-header validation. */
  private static final HttpHeadersFactory HEADERS =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false);
  private static final HttpHeadersFactory TRAILERS =
      DefaultHttpHeadersFactory.trailersFactory().withValidation(false);

  private static final byte[] METHOD_NOT_ALLOWED = bytes("Method Not Allowed\n");
  private static final byte[] NOT_FOUND = bytes("404 page not found\n");
  private static final byte[] BAD_REQUEST_BODY = bytes("400 Bad Request");

  private KeysResponses() {}

  /** writeKeyEvent: 201 for a creation, else 200; X-Etcd-Index is the event's etcd index. */
  static FullHttpResponse event(Exchange ex, AsciiString clusterId, Event event, EventJson body,
                                long raftIndex, long raftTerm) {
    HttpResponseStatus status = isCreated(event) ? HttpResponseStatus.CREATED : HttpResponseStatus.OK;
    ByteBuf content = ex.head() || body.length() == 0 ? Unpooled.EMPTY_BUFFER
        : Unpooled.wrappedBuffer(body.array(), body.offset(), body.length());
    FullHttpResponse r = new DefaultFullHttpResponse(ex.version(), status, content, HEADERS, TRAILERS);
    HttpHeaders h = r.headers();
    cors(h);
    h.set(CONTENT_TYPE, JSON);
    h.set(CLUSTER_ID, clusterId);
    h.set(ETCD_INDEX, Long.toString(event.etcdIndex()));
    h.set(RAFT_INDEX, Long.toString(raftIndex));
    h.set(RAFT_TERM, Long.toString(raftTerm));
    return finish(ex, r, body.length());
  }

  /** v2error.Error.WriteTo for an error from the store (cause already trimmed of "/1"). */
  static FullHttpResponse storeError(Exchange ex, AsciiString clusterId, StoreError error) {
    return error(ex, clusterId, HttpResponseStatus.valueOf(error.code().httpStatus), error.index(),
        error.toJson());
  }

  /** v2error.Error.WriteTo for an error found by the HTTP layer. */
  static FullHttpResponse requestError(Exchange ex, AsciiString clusterId, RequestError error) {
    return error(ex, clusterId, HttpResponseStatus.valueOf(error.httpStatus()), error.index(),
        error.toJson());
  }

  private static FullHttpResponse error(Exchange ex, AsciiString clusterId, HttpResponseStatus status,
                                        long index, byte[] body) {
    FullHttpResponse r = response(ex, status, body);
    HttpHeaders h = r.headers();
    cors(h);
    h.set(CONTENT_TYPE, JSON);
    h.set(CLUSTER_ID, clusterId);
    h.set(ETCD_INDEX, Long.toString(index));
    return finish(ex, r, body.length);
  }

  /** The start of a watch response: 200, headers flushed at once, body chunked (HTTP/1.1). */
  static HttpResponse watchHead(Exchange ex, AsciiString clusterId, long startIndex, long raftIndex,
                                long raftTerm) {
    HttpResponse r = new DefaultHttpResponse(ex.version(), HttpResponseStatus.OK, HEADERS);
    HttpHeaders h = r.headers();
    cors(h);
    h.set(CONTENT_TYPE, JSON);
    h.set(CLUSTER_ID, clusterId);
    h.set(ETCD_INDEX, Long.toString(startIndex));
    h.set(RAFT_INDEX, Long.toString(raftIndex));
    h.set(RAFT_TERM, Long.toString(raftTerm));
    h.set(DATE, HttpDate.now());
    if (ex.version() == HttpVersion.HTTP_1_1) {
      h.set(TRANSFER_ENCODING, CHUNKED); // HTTP/1.0 gets a body ended by closing, as Go does
      if (!ex.keepAlive()) {
        h.set(CONNECTION, CLOSE);
      }
    }
    return r;
  }

  /** allowMethod's answer (http.Error): no etcd headers, plain text. */
  static FullHttpResponse methodNotAllowed(Exchange ex) {
    FullHttpResponse r = response(ex, HttpResponseStatus.METHOD_NOT_ALLOWED, METHOD_NOT_ALLOWED);
    HttpHeaders h = r.headers();
    cors(h);
    h.set(ALLOW, ALLOW_VALUE);
    h.set(CONTENT_TYPE, TEXT_PLAIN);
    h.set(NOSNIFF_NAME, NOSNIFF);
    return finish(ex, r, METHOD_NOT_ALLOWED.length);
  }

  /** etcd's CORS wrapper answers OPTIONS itself: 200, CORS headers, empty body. */
  static FullHttpResponse options(Exchange ex) {
    FullHttpResponse r = response(ex, HttpResponseStatus.OK, new byte[0]);
    cors(r.headers());
    return finish(ex, r, 0);
  }

  /** ServeMux's 404 for a path outside its routes. */
  static FullHttpResponse notFound(Exchange ex) {
    FullHttpResponse r = response(ex, HttpResponseStatus.NOT_FOUND, NOT_FOUND);
    HttpHeaders h = r.headers();
    cors(h);
    h.set(CONTENT_TYPE, TEXT_PLAIN);
    h.set(NOSNIFF_NAME, NOSNIFF);
    return finish(ex, r, NOT_FOUND.length);
  }

  /** ServeMux's redirect to the cleaned path (http.Redirect: a small HTML body for GET only). */
  static FullHttpResponse redirect(Exchange ex, String method, String location) {
    boolean get = method.equals("GET");
    byte[] body = get ? bytes("<a href=\"" + htmlEscape(location) + "\">Moved Permanently</a>.\n\n")
        : new byte[0];
    FullHttpResponse r = response(ex, HttpResponseStatus.MOVED_PERMANENTLY, body);
    HttpHeaders h = r.headers();
    cors(h);
    if (get || ex.head()) {
      h.set(CONTENT_TYPE, TEXT_HTML);
    }
    h.set(LOCATION, location);
    if (ex.head()) {
      h.set(DATE, HttpDate.now());
      return r; // Go sends no length for a HEAD nobody wrote to
    }
    return finish(ex, r, body.length);
  }

  /**
   * {@link GoRefusal}'s bare answer to a request line Go cannot parse as an HTTP message, for when
   * it must queue behind earlier responses.
   */
  static FullHttpResponse badRequestLineMessage() {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
        Unpooled.wrappedBuffer(BAD_REQUEST_BODY), HEADERS, TRAILERS);
    r.headers().set(CONTENT_TYPE, TEXT_PLAIN);
    r.headers().set(CONNECTION, CLOSE);
    return r;
  }

  static boolean isCreated(Event event) {
    String action = event.action();
    return action.equals("create") || (action.equals("set") && event.prevNode() == null);
  }

  private static FullHttpResponse response(Exchange ex, HttpResponseStatus status, byte[] body) {
    ByteBuf content = ex.head() || body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
    return new DefaultFullHttpResponse(ex.version(), status, content, HEADERS, TRAILERS);
  }

  private static void cors(HttpHeaders h) {
    h.set(ACAO_HEADERS, ACAO_HEADERS_VALUE);
    h.set(ACAO_METHODS, ACAO_METHODS_VALUE);
    h.set(ACAO_ORIGIN, ACAO_ORIGIN_VALUE);
  }

  /** Date, Content-Length (the body's, also for HEAD), and the connection header Go adds. */
  private static FullHttpResponse finish(Exchange ex, FullHttpResponse r, int length) {
    HttpHeaders h = r.headers();
    h.set(DATE, HttpDate.now());
    h.set(CONTENT_LENGTH, Integer.toString(length));
    if (!ex.keepAlive() && ex.version() == HttpVersion.HTTP_1_1) {
      h.set(CONNECTION, CLOSE);
    } else if (ex.keepAlive() && ex.version() == HttpVersion.HTTP_1_0) {
      h.set(CONNECTION, KEEP_ALIVE);
    }
    return r;
  }

  private static String htmlEscape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&#34;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
