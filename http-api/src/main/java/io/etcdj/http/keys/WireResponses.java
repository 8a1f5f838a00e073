package io.etcdj.http.keys;

import io.etcdj.kvstore.Event;
import io.etcdj.kvstore.EventJson;
import io.etcdj.kvstore.StoreError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;

/**
 * The answers of {@link KeysResponses#event} and its store and request errors, written straight
 * into one pooled buffer as the bytes Netty's encoder makes of those response objects (same
 * status line, headers in the same order, same body): the fixed part of the head is prebuilt,
 * only the cluster id, the indexes, the date and the length are written per response. These are
 * the answers of nearly every PUT and GET, and building them as objects cost a response, two
 * header maps, a dozen header entries and four number strings each. Stateless.
 */
final class WireResponses {
  private static final byte[] CORS_JSON_CLUSTER = ascii("\r\n"
      + "Access-Control-Allow-Headers: accept, content-type, authorization\r\n"
      + "Access-Control-Allow-Methods: POST, GET, OPTIONS, PUT, DELETE\r\n"
      + "Access-Control-Allow-Origin: *\r\n"
      + "Content-Type: application/json\r\n"
      + "X-Etcd-Cluster-Id: ");
  private static final byte[] ETCD_INDEX = ascii("\r\nX-Etcd-Index: ");
  private static final byte[] RAFT_INDEX = ascii("\r\nX-Raft-Index: ");
  private static final byte[] RAFT_TERM = ascii("\r\nX-Raft-Term: ");
  private static final byte[] DATE = ascii("\r\nDate: ");
  private static final byte[] CONTENT_LENGTH = ascii("\r\nContent-Length: ");
  private static final byte[] CONNECTION_CLOSE = ascii("\r\nConnection: close");
  private static final byte[] CONNECTION_KEEP_ALIVE = ascii("\r\nConnection: keep-alive");
  private static final byte[] END_OF_HEAD = ascii("\r\n\r\n");
  private static final byte[] HTTP_1_1_OK = ascii("HTTP/1.1 200 OK");
  private static final byte[] HTTP_1_1_CREATED = ascii("HTTP/1.1 201 Created");

  /** Room for the head beyond its fixed part: id, three indexes, date, length, connection. */
  private static final int VARIABLE_HEAD_BYTES = 160;

  private WireResponses() {}

  /** Whether these bytes may stand for the response objects: Netty's encoder changes none of
   *  their headers (it strips the length of a 1xx, 204 and 205, and a 304 has no body). */
  static boolean encodable(int statusCode) {
    return statusCode / 100 != 1 && statusCode != 204 && statusCode != 205 && statusCode != 304;
  }

  /** {@link KeysResponses#event}, as wire bytes. */
  static WireResponse event(ByteBufAllocator alloc, Exchange ex, AsciiString clusterId, Event event,
                            EventJson body, long raftIndex, long raftTerm) {
    boolean created = KeysResponses.isCreated(event);
    int length = body.length();
    ByteBuf buf = alloc.buffer(CORS_JSON_CLUSTER.length + VARIABLE_HEAD_BYTES + (ex.head() ? 0 : length));
    if (ex.version() == HttpVersion.HTTP_1_1) {
      buf.writeBytes(created ? HTTP_1_1_CREATED : HTTP_1_1_OK);
    } else {
      statusLine(buf, ex.version(), created ? HttpResponseStatus.CREATED : HttpResponseStatus.OK);
    }
    buf.writeBytes(CORS_JSON_CLUSTER);
    writeAscii(buf, clusterId);
    buf.writeBytes(ETCD_INDEX);
    writeDecimal(buf, event.etcdIndex());
    buf.writeBytes(RAFT_INDEX);
    writeDecimal(buf, raftIndex);
    buf.writeBytes(RAFT_TERM);
    writeDecimal(buf, raftTerm);
    finish(buf, ex, length);
    if (!ex.head()) {
      buf.writeBytes(body.array(), body.offset(), length);
    }
    return new WireResponse(buf);
  }

  /** {@link KeysResponses#storeError} (cause already trimmed), as wire bytes. */
  static WireResponse storeError(ByteBufAllocator alloc, Exchange ex, AsciiString clusterId, StoreError error) {
    return error(alloc, ex, clusterId, HttpResponseStatus.valueOf(error.code().httpStatus), error.index(),
        error.toJson());
  }

  /** {@link KeysResponses#requestError}, as wire bytes. */
  static WireResponse requestError(ByteBufAllocator alloc, Exchange ex, AsciiString clusterId, RequestError error) {
    return error(alloc, ex, clusterId, HttpResponseStatus.valueOf(error.httpStatus()), error.index(),
        error.toJson());
  }

  private static WireResponse error(ByteBufAllocator alloc, Exchange ex, AsciiString clusterId,
                                    HttpResponseStatus status, long index, byte[] body) {
    ByteBuf buf = alloc.buffer(CORS_JSON_CLUSTER.length + VARIABLE_HEAD_BYTES + (ex.head() ? 0 : body.length));
    statusLine(buf, ex.version(), status);
    buf.writeBytes(CORS_JSON_CLUSTER);
    writeAscii(buf, clusterId);
    buf.writeBytes(ETCD_INDEX);
    writeDecimal(buf, index);
    finish(buf, ex, body.length);
    if (!ex.head()) {
      buf.writeBytes(body);
    }
    return new WireResponse(buf);
  }

  /** HttpResponseEncoder's initial line, without its CRLF. */
  private static void statusLine(ByteBuf buf, HttpVersion version, HttpResponseStatus status) {
    buf.writeCharSequence(version.text(), StandardCharsets.US_ASCII);
    buf.writeByte(' ');
    writeAscii(buf, status.codeAsText());
    buf.writeByte(' ');
    buf.writeCharSequence(status.reasonPhrase(), StandardCharsets.US_ASCII);
  }

  /** KeysResponses.finish: Date, Content-Length (also for HEAD), the connection header, end of head. */
  private static void finish(ByteBuf buf, Exchange ex, int length) {
    buf.writeBytes(DATE);
    writeAscii(buf, HttpDate.now());
    buf.writeBytes(CONTENT_LENGTH);
    writeDecimal(buf, length);
    if (!ex.keepAlive() && ex.version() == HttpVersion.HTTP_1_1) {
      buf.writeBytes(CONNECTION_CLOSE);
    } else if (ex.keepAlive() && ex.version() == HttpVersion.HTTP_1_0) {
      buf.writeBytes(CONNECTION_KEEP_ALIVE);
    }
    buf.writeBytes(END_OF_HEAD);
  }

  private static void writeAscii(ByteBuf buf, AsciiString s) {
    buf.writeBytes(s.array(), s.arrayOffset(), s.length());
  }

  /** Long.toString's digits, without the string. */
  static void writeDecimal(ByteBuf buf, long value) {
    if (value < 0) {
      buf.writeCharSequence(Long.toString(value), StandardCharsets.US_ASCII); // not met: indexes are >= 0
      return;
    }
    int digits = 1;
    for (long rest = value / 10; rest != 0; rest /= 10) {
      digits++;
    }
    int at = buf.writerIndex();
    buf.ensureWritable(digits);
    for (int i = at + digits - 1; i >= at; i--) {
      buf.setByte(i, (int) ('0' + value % 10));
      value /= 10;
    }
    buf.writerIndex(at + digits);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
