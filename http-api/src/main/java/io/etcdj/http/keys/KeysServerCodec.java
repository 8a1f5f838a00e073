package io.etcdj.http.keys;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.function.Consumer;

/**
 * The request decoder ({@link GoRequestDecoder}: Go's rules for reading a request), Netty's
 * response encoder, and {@link HttpServerCodec}'s bookkeeping between them (4.2.18: the queue of
 * the requests' methods that tells the encoder which answers carry no body, the pipelining
 * limit), which also writes a {@link WireResponse} as it is: its bytes go straight on, and it
 * takes its request's place in the queue as an encoded response would. HttpServerCodec is
 * final, so its bookkeeping is repeated here; {@code KeysServerCodecTest} holds the two to the
 * same bytes where Go and Netty agree. A request expecting 100 Continue gets it in its turn:
 * at once when nothing before it is unanswered, else right after the answer before it.
 *
 * <p>One instance per channel; the queue and the flags belong to the channel's event loop.
 */
public final class KeysServerCodec extends CombinedChannelDuplexHandler<GoRequestDecoder, HttpResponseEncoder> {
  /**
   * Unanswered requests one connection may have. Go reads one request at a time and so answers
   * any number pipelined; HttpServerCodec's 128 dropped a burst of 300 pipelined PUTs unanswered.
   * The queue grows as needed up to this (ResponseSequencer stops reading from the socket well
   * before: only what one read brought in is decoded ahead), then the connection closes.
   */
  static final int MAX_PIPELINE_DEPTH = 16_384;
  private static final int INITIAL_PIPELINE_DEPTH = 16;
  private static final byte OTHER = 0;
  private static final byte HEAD = 1;
  private static final byte CONNECT = 2;

  private byte[] methods = new byte[INITIAL_PIPELINE_DEPTH]; // ring of the unanswered requests' methods
  private int oldest;
  private int unanswered;
  private long accepted; // requests accepted on this connection
  private long answered; // whole answers written on it
  // for each 100 Continue owed, how many whole answers must be out first (the requests before it)
  private final java.util.ArrayDeque<Long> continuesOwed = new java.util.ArrayDeque<>(2);
  private boolean streaming; // a response's head is written, its last part not yet (a watch stream)
  private final ConnectionDeadlines deadlines;
  private final Consumer<String> limitHit;

  /** With the default limits and nobody told of them (tests, warm-up). */
  public KeysServerCodec() {
    this(limit -> { }, ConnectionDeadlines.HEADER_READ_TIMEOUT_MS, ConnectionDeadlines.IDLE_TIMEOUT_MS);
  }

  /**
   * @param limitHit told the name of each limit that refuses a request or closes the connection
   *     ("header_too_large", "header_read_timeout", "idle_timeout"), for the metrics
   * @param headerReadTimeoutMs, idleTimeoutMs see {@link ConnectionDeadlines}
   */
  public KeysServerCodec(Consumer<String> limitHit, long headerReadTimeoutMs, long idleTimeoutMs) {
    this.limitHit = limitHit;
    this.deadlines = new ConnectionDeadlines(headerReadTimeoutMs, idleTimeoutMs, () -> unanswered > 0 || streaming, limitHit);
    init(new RequestDecoder(), new ResponseEncoder());
  }

  @Override public void channelActive(ChannelHandlerContext ctx) throws Exception {
    deadlines.start(ctx);
    super.channelActive(ctx);
  }

  @Override public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
    super.handlerAdded(ctx);
    if (ctx.channel().isActive()) {
      deadlines.start(ctx);
    }
  }

  @Override public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    deadlines.stop();
    super.channelInactive(ctx);
  }

  @Override public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    deadlines.activity();
    super.channelRead(ctx, msg);
  }

  /** Whether {@code pipeline} writes {@link WireResponse}s, i.e. holds this codec. */
  static boolean isIn(ChannelPipeline pipeline) {
    return pipeline.get(KeysServerCodec.class) != null;
  }

  private boolean enqueue(HttpMethod method) {
    if (unanswered == methods.length) {
      if (unanswered >= MAX_PIPELINE_DEPTH) {
        return false;
      }
      byte[] grown = new byte[methods.length * 2];
      for (int i = 0; i < unanswered; i++) {
        grown[i] = methods[(oldest + i) % methods.length];
      }
      methods = grown;
      oldest = 0;
    }
    methods[(oldest + unanswered) % methods.length] =
        HttpMethod.HEAD.equals(method) ? HEAD : HttpMethod.CONNECT.equals(method) ? CONNECT : OTHER;
    unanswered++;
    return true;
  }

  /** The method of the oldest unanswered request (OTHER when none is known). */
  private byte poll() {
    if (unanswered == 0) {
      return OTHER;
    }
    byte method = methods[oldest];
    oldest = (oldest + 1) % methods.length;
    unanswered--;
    return method;
  }

  private final class RequestDecoder extends GoRequestDecoder {
    RequestDecoder() {
      super(SizedHeadersFactory.REQUEST_HEADERS);
    }

    @Override protected boolean accepted(HttpRequest request) {
      accepted++;
      if (!enqueue(request.method())) {
        throw new IllegalStateException("maxPipelineDepth exceeded: " + MAX_PIPELINE_DEPTH); // as HttpServerCodec says it
      }
      return true;
    }

    @Override protected void headStarted() {
      deadlines.headStarted();
    }

    @Override protected void headEnded(boolean tooLarge) {
      deadlines.headEnded();
      if (tooLarge) {
        limitHit.accept("header_too_large");
      }
    }

    @Override protected void continueExpected(ChannelHandlerContext ctx) {
      long before = accepted - 1; // the requests before this one
      if (answered >= before) {
        super.continueExpected(ctx);
      } else {
        continuesOwed.add(before);
      }
    }
  }

  private final class ResponseEncoder extends HttpResponseEncoder {
    private byte method; // of the request the response being encoded answers

    @Override public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
      if (msg instanceof WireResponse wire) {
        // Whole, and only ever written between whole responses (ResponseOrder): the encoder is idle.
        poll();
        ctx.write(wire.content(), promise);
        answered(ctx);
        return;
      }
      if (msg instanceof HttpResponse response && !(msg instanceof LastHttpContent)
          && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
        streaming = true;
      }
      super.write(ctx, msg, promise);
      if (msg instanceof LastHttpContent) {
        streaming = false;
        answered(ctx);
      }
    }

    private void answered(ChannelHandlerContext ctx) {
      deadlines.activity();
      answered++;
      while (!continuesOwed.isEmpty() && continuesOwed.peek() <= answered) {
        continuesOwed.poll();
        ctx.write(Unpooled.wrappedBuffer(GoRequestDecoder.CONTINUE));
      }
    }

    @Override protected void sanitizeHeadersBeforeEncode(HttpResponse msg, boolean isAlwaysEmpty) {
      if (!isAlwaysEmpty && method == CONNECT && msg.status().codeClass() == HttpStatusClass.SUCCESS) {
        msg.headers().remove(HttpHeaderNames.TRANSFER_ENCODING); // RFC 7230 3.3.1
        return;
      }
      super.sanitizeHeadersBeforeEncode(msg, isAlwaysEmpty);
    }

    @Override protected boolean isContentAlwaysEmpty(HttpResponse msg) {
      if (msg.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
        return super.isContentAlwaysEmpty(msg); // an interim answer: the request is still unanswered
      }
      method = poll();
      return method == HEAD || super.isContentAlwaysEmpty(msg);
    }
  }
}
