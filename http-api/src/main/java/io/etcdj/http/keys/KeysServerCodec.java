package io.etcdj.http.keys;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.List;

/**
 * Netty's {@link HttpServerCodec} (4.2.18: request decoder, response encoder, the queue of the
 * requests' methods that tells the encoder which answers carry no body, the pipelining limit,
 * and the close after answering a request that had both a chunked body and a length), which also
 * writes a {@link WireResponse} as it is: its bytes go straight on, and it takes its request's
 * place in the queue as an encoded response would. HttpServerCodec is final, so its bookkeeping
 * is repeated here; {@code KeysServerCodecTest} holds the two to the same bytes and closes.
 *
 * <p>One instance per channel; the queue and the flags belong to the channel's event loop.
 */
public final class KeysServerCodec extends CombinedChannelDuplexHandler<HttpRequestDecoder, HttpResponseEncoder> {
  private static final int MAX_PIPELINE_DEPTH = 128; // HttpServerCodec's default
  private static final byte OTHER = 0;
  private static final byte HEAD = 1;
  private static final byte CONNECT = 2;

  private final byte[] methods = new byte[MAX_PIPELINE_DEPTH]; // ring of the unanswered requests' methods
  private int oldest;
  private int unanswered;
  private boolean mustCloseAfterResponse;

  /** Decodes as {@code config} says, into smaller header maps ({@link SizedHeadersFactory}). */
  public KeysServerCodec(HttpDecoderConfig config) {
    init(new RequestDecoder(config.clone().setHeadersFactory(SizedHeadersFactory.REQUEST_HEADERS)
        .setTrailersFactory(SizedHeadersFactory.TRAILERS)), new ResponseEncoder());
  }

  /** Whether {@code pipeline} writes {@link WireResponse}s, i.e. holds this codec. */
  static boolean isIn(ChannelPipeline pipeline) {
    return pipeline.get(KeysServerCodec.class) != null;
  }

  private boolean enqueue(HttpMethod method) {
    if (unanswered >= MAX_PIPELINE_DEPTH) {
      return false;
    }
    methods[(oldest + unanswered) % MAX_PIPELINE_DEPTH] =
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
    oldest = (oldest + 1) % MAX_PIPELINE_DEPTH;
    unanswered--;
    return method;
  }

  private final class RequestDecoder extends HttpRequestDecoder {
    private boolean discard; // past the pipelining limit: the connection closes after its answers

    RequestDecoder(HttpDecoderConfig config) {
      super(config);
    }

    @Override protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
      if (discard) {
        buffer.skipBytes(buffer.readableBytes());
        return;
      }
      int oldSize = out.size();
      super.decode(ctx, buffer, out);
      int size = out.size();
      for (int i = oldSize; i < size; i++) {
        if (out.get(i) instanceof HttpRequest request && !enqueue(request.method())) {
          mustCloseAfterResponse = true;
          discard = true;
          for (int j = i; j < size; j++) {
            ReferenceCountUtil.release(out.get(j));
          }
          out.clear();
          throw new IllegalStateException("maxPipelineDepth exceeded: " + MAX_PIPELINE_DEPTH);
        }
      }
    }

    @Override protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
      super.handleTransferEncodingChunkedWithContentLength(message);
      mustCloseAfterResponse = true; // a smuggling attempt, perhaps: answer it, then close
    }
  }

  private final class ResponseEncoder extends HttpResponseEncoder {
    private byte method; // of the request the response being encoded answers

    @Override public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
      if (msg instanceof WireResponse wire) {
        // Whole, and only ever written between whole responses (ResponseOrder): the encoder is idle.
        poll();
        ctx.write(wire.content(), closeIfAsked(promise));
        return;
      }
      super.write(ctx, msg, msg instanceof LastHttpContent ? closeIfAsked(promise) : promise);
    }

    private ChannelPromise closeIfAsked(ChannelPromise promise) {
      if (!mustCloseAfterResponse) {
        return promise;
      }
      mustCloseAfterResponse = false;
      return promise.unvoid().addListener(ChannelFutureListener.CLOSE);
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
