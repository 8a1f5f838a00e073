package io.etcdj.http.keys;

import io.etcdj.http.HostHeaderRule;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads requests off the wire as Go 1.19's net/http server reads them in front of etcd 3.4
 * (server.go readRequest, request.go, transfer.go, net/textproto, internal/chunked.go), into
 * Netty's request, content and last-content messages:
 * <ul>
 *   <li>lines end in CRLF or a bare LF; after a POST up to four stray CR/LF bytes are skipped;
 *   <li>the request line is "method SP target SP HTTP/d.d"; the method a token; the target free
 *       of control bytes and either "*", absolute ("scheme:...") or starting with '/';
 *   <li>header lines need a colon; an empty name is skipped; a line starting with a space or tab
 *       continues the previous one; names must be tokens and values free of control bytes
 *       other than tab ("invalid header name/value");
 *   <li>Transfer-Encoding (HTTP/1.1 and later only) must be exactly one "chunked", any case, or
 *       the answer is 501; Content-Length may repeat only with one value, digits only; none, or
 *       an empty one, means no body; chunked wins over a length;
 *   <li>chunk sizes are hex after trailing spaces and any ";extension" are cut, at most 16
 *       digits, each chunk followed by CRLF; the body's errors are Go's texts ({@link GoBodyError});
 *   <li>a head over 1 MB + 4 KiB is 431; a version other than 1.x is 505; an Expect other than
 *       100-continue is 417, and 100 Continue is sent only when the request's turn comes.
 * </ul>
 * Refusals ({@link GoRefusal.Refused}) and body errors travel as failed decoder results of the
 * messages they stand for, so each is answered in its turn; after one, the rest of the input is
 * discarded (Go closes the connection). One instance per channel, owned by its event loop.
 */
public class GoRequestDecoder extends ByteToMessageDecoder {
  /** Go's DefaultMaxHeaderBytes (1 MB) plus the 4096 bytes of slack its read limit adds. */
  static final int MAX_HEAD_BYTES = (1 << 20) + 4096;
  /** Go's maxFormSize: a body is read no further than one byte past it. */
  public static final int MAX_BODY_BYTES = KeyRequestParser.MAX_FORM_BYTES + 1;
  private static final int MAX_CHUNK_LINE_BYTES = 4096; // internal/chunked.go maxLineLength
  private static final int MAX_TRAILER_BYTES = 4096; // what Go's bufio holds when it looks for the trailer's end
  private static final int MAX_CONTENT_SLICE = 64 * 1024;
  private static final int GO_DISCARD_BYTES = 256 << 10; // maxPostHandlerReadBytes

  private enum State { HEAD, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, DISCARD }

  private final io.netty.handler.codec.http.HttpHeadersFactory headersFactory;
  private State state = State.HEAD;
  private int scanned; // bytes of the pending head already searched for its end
  private long remaining; // of the fixed-length body or of the current chunk
  private long bodyBytes; // of the current request's body so far
  private boolean afterPost; // Go's c.lastMethod == "POST": stray CR/LF before the next request are skipped
  private boolean lastRequest; // the current request closes the connection: Go reads nothing after it

  public GoRequestDecoder(io.netty.handler.codec.http.HttpHeadersFactory headersFactory) {
    this.headersFactory = headersFactory;
  }

  /** A request head was read; false (or an exception, which is rethrown) refuses it and closes. */
  protected boolean accepted(HttpRequest request) {
    return true;
  }

  /** The first bytes of a request head arrived. */
  protected void headStarted() {}

  /** The head arrived whole (or was refused); {@code tooLarge}: refused for its size. */
  protected void headEnded(boolean tooLarge) {}

  /** The request just accepted expects 100 Continue before its body. */
  protected void continueExpected(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(Unpooled.wrappedBuffer(CONTINUE));
  }

  static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  @Override protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    switch (state) {
      case HEAD -> readHead(ctx, in, out);
      case FIXED_BODY -> readFixed(in, out);
      case CHUNK_SIZE -> readChunkSize(in, out);
      case CHUNK_DATA -> readChunkData(in, out);
      case CHUNK_END -> readChunkEnd(in, out);
      case TRAILER -> readTrailer(in, out);
      case DISCARD -> in.skipBytes(in.readableBytes());
    }
  }

  @Override protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
    if (in.isReadable()) {
      decode(ctx, in, out);
    }
    switch (state) {
      // a partial head at the end: Go's "unexpected EOF" (or a malformed line), a bare 400
      case HEAD -> {
        if (in.isReadable() && !strayLineEnds(in)) {
          refuse(in, out, GoRefusal.badRequest(""));
        }
      }
      case FIXED_BODY -> bodyError(in, out, "unexpected EOF", remaining >= GO_DISCARD_BYTES);
      case CHUNK_SIZE, CHUNK_DATA, CHUNK_END -> bodyError(in, out, "unexpected EOF", true);
      case TRAILER -> bodyError(in, out, "http: unexpected EOF reading trailer", true);
      case DISCARD -> in.skipBytes(in.readableBytes());
    }
  }

  private boolean strayLineEnds(ByteBuf in) {
    for (int i = in.readerIndex(); i < in.writerIndex(); i++) {
      byte b = in.getByte(i);
      if (b != '\r' && b != '\n') {
        return false;
      }
    }
    return afterPost && in.readableBytes() <= 4;
  }

  private void readHead(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (afterPost && scanned == 0) {
      if (in.readableBytes() < 4 && !strayTailCannotGrow(in)) {
        return; // Go peeks four bytes first
      }
      int skip = 0;
      while (skip < 4 && skip < in.readableBytes() && isLineEnd(in.getByte(in.readerIndex() + skip))) {
        skip++;
      }
      in.skipBytes(skip);
      afterPost = false;
      if (!in.isReadable()) {
        return;
      }
    }
    headStarted();
    int start = in.readerIndex();
    int end = Math.min(in.writerIndex(), start + MAX_HEAD_BYTES);
    int pos = start + scanned;
    int headEnd = -1;
    while (pos < end) {
      int nl = in.indexOf(pos, end, (byte) '\n');
      if (nl < 0) {
        break;
      }
      boolean blank = nl == pos || (nl == pos + 1 && in.getByte(pos) == '\r');
      boolean requestLine = pos == start;
      pos = nl + 1;
      if (blank) {
        if (requestLine) {
          headEnded(false);
          refuse(in, out, GoRefusal.badRequest("")); // an empty request line: "malformed HTTP request"
          return;
        }
        headEnd = pos; // the blank line ending the head
        break;
      }
    }
    if (headEnd < 0) {
      int firstLineEnd;
      if (scanned == 0 && pos > start && (firstLineEnd = in.indexOf(start, pos, (byte) '\n')) >= 0) {
        // Go answers a bad request line as soon as it has read it, not when the head is whole
        try {
          parseRequestLine(in, start, firstLineEnd);
        } catch (GoRefusal.Refused refused) {
          headEnded(false);
          refuse(in, out, refused);
          return;
        }
      }
      scanned = pos - start;
      if (in.readableBytes() >= MAX_HEAD_BYTES) {
        headEnded(true);
        refuse(in, out, GoRefusal.headerTooLarge());
      }
      return;
    }
    scanned = 0;
    headEnded(false);
    HttpRequest request;
    try {
      request = parseHead(in, start, headEnd);
    } catch (GoRefusal.Refused refused) {
      refuse(in, out, refused);
      return;
    }
    in.readerIndex(headEnd);
    try {
      if (!accepted(request)) {
        throw new IllegalStateException("request refused");
      }
    } catch (RuntimeException e) {
      state = State.DISCARD; // the connection closes
      in.skipBytes(in.readableBytes());
      throw e;
    }
    afterPost = request.method().equals(HttpMethod.POST);
    lastRequest = !HttpUtil.isKeepAlive(request);
    bodyBytes = 0;
    out.add(request);
    if (headChunked) {
      state = State.CHUNK_SIZE;
    } else if (headLength > 0) {
      state = State.FIXED_BODY;
      remaining = headLength;
    } else {
      out.add(LastHttpContent.EMPTY_LAST_CONTENT);
      messageDone();
      return;
    }
    if (headExpectsContinue) {
      continueExpected(ctx);
    }
  }

  private boolean strayTailCannotGrow(ByteBuf in) {
    for (int i = in.readerIndex(); i < in.writerIndex(); i++) {
      if (!isLineEnd(in.getByte(i))) {
        return true; // a request starts here whatever follows
      }
    }
    return false;
  }

  private static boolean isLineEnd(byte b) {
    return b == '\r' || b == '\n';
  }

  private final Fields fields = new Fields();
  // the head parsed last: its framing
  private boolean headChunked;
  private long headLength;
  private boolean headExpectsContinue;

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

  /** Parses the head in [start, headEnd) and sets its framing (headChunked, ...); throws a refusal. */
  private HttpRequest parseHead(ByteBuf in, int start, int headEnd) {
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
    headChunked = chunked;
    headLength = length;
    headExpectsContinue = expectsContinue;
    fields.headers = null;
    return request;
  }

  // the request line parsed last
  private HttpMethod lineMethod;
  private String lineTarget;
  private int lineMajor;
  private int lineMinor;

  /**
   * Go's parseRequestLine, validMethod, ParseHTTPVersion and url.ParseRequestURI on the line
   * [start, lineEnd); sets lineMethod, lineTarget, lineMajor and lineMinor, or throws the refusal.
   */
  private void parseRequestLine(ByteBuf in, int start, int lineEnd) {
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

  private void readFixed(ByteBuf in, List<Object> out) {
    int n = (int) Math.min(Math.min(remaining, in.readableBytes()), MAX_CONTENT_SLICE);
    if (n == 0) {
      return;
    }
    if (bodyBytes + n > MAX_BODY_BYTES) {
      tooLarge(in, out);
      return;
    }
    ByteBuf content = in.readRetainedSlice(n);
    remaining -= n;
    bodyBytes += n;
    if (remaining == 0) {
      out.add(new DefaultLastHttpContent(content));
      messageDone();
    } else {
      out.add(new DefaultHttpContent(content));
    }
  }

  private void readChunkSize(ByteBuf in, List<Object> out) {
    int start = in.readerIndex();
    int searched = Math.min(in.readableBytes(), MAX_CHUNK_LINE_BYTES);
    int nl = in.indexOf(start, start + searched, (byte) '\n');
    if (nl < 0) {
      if (searched >= MAX_CHUNK_LINE_BYTES) {
        bodyError(in, out, "header line too long", true);
      }
      return;
    }
    if (nl + 1 - start >= MAX_CHUNK_LINE_BYTES) {
      bodyError(in, out, "header line too long", true);
      return;
    }
    int to = nl + 1;
    while (to > start && GoHttpSyntax.isAsciiSpace(in.getByte(to - 1))) {
      to--;
    }
    int semi = in.indexOf(start, to, (byte) ';');
    if (semi >= 0) {
      to = semi;
    }
    long size = 0;
    for (int i = start; i < to; i++) {
      int digit = GoHttpSyntax.hex(in.getByte(i));
      if (digit < 0) {
        bodyError(in, out, "invalid byte in chunk length", true);
        return;
      }
      if (i - start == 16) {
        bodyError(in, out, "http chunk length too large", true);
        return;
      }
      size = (size << 4) | digit;
    }
    in.readerIndex(nl + 1);
    if (size == 0) {
      state = State.TRAILER;
    } else {
      remaining = size < 0 ? Long.MAX_VALUE : size; // 16 hex digits: past any body we keep anyway
      state = State.CHUNK_DATA;
    }
  }

  private void readChunkData(ByteBuf in, List<Object> out) {
    int n = (int) Math.min(Math.min(remaining, in.readableBytes()), MAX_CONTENT_SLICE);
    if (n == 0) {
      return;
    }
    if (bodyBytes + n > MAX_BODY_BYTES) {
      tooLarge(in, out);
      return;
    }
    out.add(new DefaultHttpContent(in.readRetainedSlice(n)));
    remaining -= n;
    bodyBytes += n;
    if (remaining == 0) {
      state = State.CHUNK_END;
    }
  }

  private void readChunkEnd(ByteBuf in, List<Object> out) {
    if (in.readableBytes() < 2) {
      return;
    }
    int at = in.readerIndex();
    if (in.getByte(at) != '\r' || in.getByte(at + 1) != '\n') {
      bodyError(in, out, "malformed chunked encoding", true);
      return;
    }
    in.skipBytes(2);
    state = State.CHUNK_SIZE;
  }

  private void readTrailer(ByteBuf in, List<Object> out) {
    if (in.readableBytes() < 2) {
      return;
    }
    int at = in.readerIndex();
    if (in.getByte(at) == '\r' && in.getByte(at + 1) == '\n') {
      in.skipBytes(2);
    } else {
      // trailer fields: etcd reads none of them, so they are skipped up to the blank line
      int searched = Math.min(in.readableBytes(), MAX_TRAILER_BYTES);
      int end = -1;
      for (int i = at; i + 3 < at + searched; i++) {
        if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r' && in.getByte(i + 3) == '\n') {
          end = i + 4;
          break;
        }
      }
      if (end < 0) {
        if (searched >= MAX_TRAILER_BYTES) {
          bodyError(in, out, "http: suspiciously long trailer after chunked body", true);
        }
        return;
      }
      in.readerIndex(end);
    }
    out.add(LastHttpContent.EMPTY_LAST_CONTENT);
    messageDone();
  }

  private void messageDone() {
    state = lastRequest ? State.DISCARD : State.HEAD;
  }

  private void tooLarge(ByteBuf in, List<Object> out) {
    bodyError(in, out, KeyRequestParser.POST_TOO_LARGE, true);
  }

  private void bodyError(ByteBuf in, List<Object> out, String goMessage, boolean closeHeader) {
    in.skipBytes(in.readableBytes());
    DefaultLastHttpContent last = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
    last.setDecoderResult(DecoderResult.failure(new GoBodyError(goMessage, closeHeader)));
    out.add(last);
    state = State.DISCARD;
  }

  private void refuse(ByteBuf in, List<Object> out, GoRefusal.Refused refused) {
    in.skipBytes(in.readableBytes());
    DefaultFullHttpRequest stand = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/",
        Unpooled.EMPTY_BUFFER);
    stand.setDecoderResult(DecoderResult.failure(refused));
    out.add(stand);
    state = State.DISCARD;
  }
}
