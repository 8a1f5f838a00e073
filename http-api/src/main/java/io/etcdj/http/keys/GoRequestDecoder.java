package io.etcdj.http.keys;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
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
 * discarded (Go closes the connection). The head itself is read by {@link GoRequestHead}. One
 * instance per channel, owned by its event loop.
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

  private final GoRequestHead head;
  private State state = State.HEAD;
  private int scanned; // bytes of the pending head already searched for its end
  private long remaining; // of the fixed-length body or of the current chunk
  private long bodyBytes; // of the current request's body so far
  private boolean afterPost; // Go's c.lastMethod == "POST": stray CR/LF before the next request are skipped
  private boolean lastRequest; // the current request closes the connection: Go reads nothing after it

  public GoRequestDecoder(HttpHeadersFactory headersFactory) {
    this.head = new GoRequestHead(headersFactory);
  }

  /** A request head was read; false (or an exception, which is rethrown) refuses it and closes. */
  protected boolean accepted(HttpRequest request) {
    return true;
  }

  /** A request head is not whole after a read (called again after each read until it is). */
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
          head.parseRequestLine(in, start, firstLineEnd);
        } catch (GoRefusal.Refused refused) {
          headEnded(false);
          refuse(in, out, refused);
          return;
        }
      }
      scanned = pos - start;
      headStarted(); // a head not whole in one read: from now on its deadline runs
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
      request = head.parse(in, start, headEnd);
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
    if (head.chunked()) {
      state = State.CHUNK_SIZE;
    } else if (head.length() > 0) {
      state = State.FIXED_BODY;
      remaining = head.length();
    } else {
      out.add(LastHttpContent.EMPTY_LAST_CONTENT);
      messageDone();
      return;
    }
    if (head.expectsContinue()) {
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
