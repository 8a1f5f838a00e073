package io.etcdj.http.keys;

import io.etcdj.http.HostHeaderRule;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;

/**
 * One request head as Go 1.19's server reads it (request.go readRequest and parseRequestLine,
 * net/textproto's ReadMIMEHeader, transfer.go's Transfer-Encoding and Content-Length rules, and
 * server.go's checks of the version, Host and header names and values, in Go's order): the
 * request, or the {@link GoRefusal.Refused} Go answers instead, and the body's framing. Parsed
 * from the bytes in place; the names a client nearly always sends and the usual methods make no
 * String. Reused head after head by one {@link GoRequestDecoder}, on its channel's event loop.
 */
final class GoRequestHead {
  private final HttpHeadersFactory headersFactory;
  private final Fields fields = new Fields();
  // the head parsed last: its framing
  private boolean chunked;
  private long length;
  private boolean expectsContinue;
  // the request line parsed last
  private HttpMethod lineMethod;
  private String lineTarget;
  private int lineMajor;
  private int lineMinor;
  GoRequestHead(HttpHeadersFactory headersFactory) {
    this.headersFactory = headersFactory;
  }

  /** Whether the head parsed last has a chunked body. */
  boolean chunked() { return chunked; }

  /** Its body's length when not chunked (0: none). */
  long length() { return length; }

  /** Whether it asks for 100 Continue before its body (and has one, on HTTP/1.1). */
  boolean expectsContinue() { return expectsContinue; }

  /** Names a client nearly always sends, matched on the bytes so that no String is made for them. */
  private static final AsciiString[] KNOWN_NAMES = {
      HttpHeaderNames.HOST, HttpHeaderNames.CONTENT_TYPE, HttpHeaderNames.CONTENT_LENGTH, HttpHeaderNames.USER_AGENT,
      HttpHeaderNames.ACCEPT, HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderNames.CONNECTION,
      HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.EXPECT, HttpHeaderNames.AUTHORIZATION};
  private static final HttpMethod[] KNOWN_METHODS = {
      HttpMethod.GET, HttpMethod.PUT, HttpMethod.POST, HttpMethod.DELETE, HttpMethod.HEAD, HttpMethod.OPTIONS};

  /** What a head's headers say about its framing, gathered as they are added; reused head after head. */
  private static final class Fields {
    HttpHeaders headers;
    int hosts;
    String host;
    int encodings;
    String encoding;
    int lengths;
    String length;
    boolean lengthsDiffer;
    String expect;
    boolean badName;
    boolean badValue;

    void reset(HttpHeaders headers) {
      this.headers = headers;
      hosts = 0;
      host = null;
      encodings = 0;
      encoding = null;
      lengths = 0;
      length = null;
      lengthsDiffer = false;
      expect = null;
      badName = false;
      badValue = false;
    }

    void add(CharSequence name, String value) {
      if (!GoHttpSyntax.isFieldValue(value)) {
        badValue = true;
        return;
      }
      headers.add(name, value);
      if (name == HttpHeaderNames.HOST) {
        hosts++;
        host = value;
      } else if (name == HttpHeaderNames.TRANSFER_ENCODING) {
        encodings++;
        encoding = value;
      } else if (name == HttpHeaderNames.CONTENT_LENGTH) {
        String trimmed = GoHttpSyntax.trimString(value);
        if (lengths++ == 0) {
          length = trimmed;
        } else if (!length.equals(trimmed)) {
          lengthsDiffer = true;
        }
      } else if (name == HttpHeaderNames.EXPECT && expect == null) {
        expect = value;
      }
    }
  }

  /** Parses the head in [start, headEnd) and sets its framing ({@link #chunked()}, ...); throws a refusal. */
  HttpRequest parse(ByteBuf in, int start, int headEnd) {
    int lineEnd = in.indexOf(start, headEnd, (byte) '\n');
    parseRequestLine(in, start, lineEnd);
    HttpMethod method = lineMethod;
    String target = lineTarget;
    int major = lineMajor;
    int minor = lineMinor;
    HttpVersion version = major == 1 && minor == 0 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
    Fields fields = this.fields;
    fields.reset(headersFactory.newHeaders());
    CharSequence name = null; // the header being read, added when the next line is not its continuation
    String value = null;
    int pos = lineEnd + 1;
    boolean first = true;
    while (pos < headEnd) {
      int nl = in.indexOf(pos, headEnd, (byte) '\n');
      int from = pos;
      int end = nl > pos && in.getByte(nl - 1) == '\r' ? nl - 1 : nl;
      pos = nl + 1;
      if (end == from) {
        break;
      }
      byte lead = in.getByte(from);
      if (lead == ' ' || lead == '\t') {
        if (first) {
          throw GoRefusal.badRequest(""); // "malformed MIME header initial line"
        }
        if (name != null) { // a continuation of a skipped (empty-named) header goes with it
          value = value + " " + GoHttpSyntax.trim(in.toString(from, end - from, StandardCharsets.ISO_8859_1));
        }
        continue;
      }
      first = false;
      if (name != null) {
        fields.add(name, value);
      }
      while (end > from && isBlank(in.getByte(end - 1))) {
        end--;
      }
      int colon = in.indexOf(from, end, (byte) ':');
      if (colon < 0) {
        throw GoRefusal.badRequest(""); // "malformed MIME header line"
      }
      int valueFrom = colon + 1;
      while (valueFrom < end && isBlank(in.getByte(valueFrom))) {
        valueFrom++;
      }
      value = valueFrom == end ? "" : in.toString(valueFrom, end - valueFrom, StandardCharsets.ISO_8859_1);
      if (colon == from) {
        name = null; // Go skips a header without a name
      } else if (!isToken(in, from, colon)) {
        fields.badName = true;
        name = null;
      } else {
        name = knownName(in, from, colon);
      }
    }
    if (name != null) {
      fields.add(name, value);
    }
    HttpHeaders headers = fields.headers;
    DefaultHttpRequest request = new DefaultHttpRequest(version, method, target, headers);
    if (fields.hosts > 1) {
      throw GoRefusal.badRequest(""); // "too many Host headers"
    }
    boolean chunked = false;
    if (fields.encodings > 0) {
      headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
      if (version == HttpVersion.HTTP_1_1) {
        if (fields.encodings != 1 || !fields.encoding.equalsIgnoreCase("chunked")) {
          throw GoRefusal.unsupportedTransferEncoding();
        }
        chunked = true;
        if (fields.lengths > 0) {
          // Go drops the length and reads on; RFC 9112 6.1 says to close after answering (smuggling)
          headers.remove(HttpHeaderNames.CONTENT_LENGTH);
          headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
      }
    }
    long length = 0;
    if (fields.lengths > 0) {
      if (fields.lengthsDiffer) {
        throw GoRefusal.badRequest(""); // "multiple Content-Length headers"
      }
      if (!chunked) {
        if (fields.length.isEmpty()) {
          headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        } else {
          length = GoHttpSyntax.parseLength(fields.length);
          if (length < 0) {
            throw GoRefusal.badRequest(""); // "bad Content-Length"
          }
          if (fields.lengths > 1) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, fields.length);
          }
        }
      }
    }
    if (major != 1) {
      throw GoRefusal.versionNotSupported();
    }
    String hostRefusal = HostHeaderRule.refusal(version, method, fields.hosts, fields.host);
    if (hostRefusal != null) {
      throw GoRefusal.badRequest(hostRefusal);
    }
    if (fields.badName) {
      throw GoRefusal.badRequest("invalid header name");
    }
    if (fields.badValue) {
      throw GoRefusal.badRequest("invalid header value");
    }
    boolean expectsContinue = false;
    if (fields.expect != null) {
      headers.remove(HttpHeaderNames.EXPECT); // answered here, in order, not by the aggregator
      if (GoHttpSyntax.hasToken(fields.expect, "100-continue")) {
        expectsContinue = version == HttpVersion.HTTP_1_1 && (chunked || length > 0);
      } else if (!fields.expect.isEmpty()) {
        throw GoRefusal.expectationFailed();
      }
    }
    this.chunked = chunked;
    this.length = length;
    this.expectsContinue = expectsContinue;
    fields.headers = null;
    return request;
  }

  /**
   * Go's parseRequestLine, validMethod, ParseHTTPVersion and url.ParseRequestURI on the line
   * [start, lineEnd); sets lineMethod, lineTarget, lineMajor and lineMinor, or throws the refusal.
   */
  void parseRequestLine(ByteBuf in, int start, int lineEnd) {
    int to = lineEnd > start && in.getByte(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
    int sp1 = in.indexOf(start, to, (byte) ' ');
    int sp2 = sp1 < 0 ? -1 : in.indexOf(sp1 + 1, to, (byte) ' ');
    if (sp2 < 0) {
      throw GoRefusal.badRequest(""); // "malformed HTTP request"
    }
    HttpMethod method = method(in, start, sp1);
    String target = in.toString(sp1 + 1, sp2 - sp1 - 1, StandardCharsets.ISO_8859_1);
    int p = sp2 + 1;
    if (!(to - p == 8 && in.getByte(p) == 'H' && in.getByte(p + 1) == 'T' && in.getByte(p + 2) == 'T'
        && in.getByte(p + 3) == 'P' && in.getByte(p + 4) == '/' && isDigit(in.getByte(p + 5))
        && in.getByte(p + 6) == '.' && isDigit(in.getByte(p + 7)))) {
      throw GoRefusal.badRequest(""); // "malformed HTTP version": exactly HTTP/d.d
    }
    if (!GoHttpSyntax.isRequestTarget(target, method.equals(HttpMethod.CONNECT))) {
      throw GoRefusal.badRequest(""); // url.ParseRequestURI's error
    }
    lineMethod = method;
    lineTarget = target;
    lineMajor = in.getByte(p + 5) - '0';
    lineMinor = in.getByte(p + 7) - '0';
  }

  private static HttpMethod method(ByteBuf in, int from, int to) {
    for (HttpMethod known : KNOWN_METHODS) {
      AsciiString name = known.asciiName();
      if (name.length() == to - from && matches(in, from, name, false)) {
        return known;
      }
    }
    if (!isToken(in, from, to)) {
      throw GoRefusal.badRequest(""); // "invalid method"
    }
    return HttpMethod.valueOf(in.toString(from, to - from, StandardCharsets.ISO_8859_1));
  }

  private static CharSequence knownName(ByteBuf in, int from, int to) {
    for (AsciiString known : KNOWN_NAMES) {
      if (known.length() == to - from && matches(in, from, known, true)) {
        return known;
      }
    }
    return in.toString(from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** Whether the bytes at {@code from} are {@code name}'s; {@code ignoreCase}: ASCII letters in any case. */
  private static boolean matches(ByteBuf in, int from, AsciiString name, boolean ignoreCase) {
    for (int i = 0; i < name.length(); i++) {
      byte b = in.getByte(from + i);
      byte c = name.byteAt(i);
      if (b != c && !(ignoreCase && b >= 'A' && b <= 'Z' && b + ('a' - 'A') == c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isToken(ByteBuf in, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!GoHttpSyntax.isTokenByte(in.getByte(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t';
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

}
