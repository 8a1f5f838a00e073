package io.etcdj.http.keys;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Netty's {@link HttpServerCodec} (request decoder, response encoder, and the queue of request
 * methods that tells the encoder which answers to a HEAD or CONNECT carry no body), which also
 * writes a {@link WireResponse} as it is: its bytes go straight on, and it takes its request's
 * place in the method queue as an encoded response would. HttpServerCodec is final, so its few
 * lines of method bookkeeping are repeated here.
 *
 * <p>One instance per channel; the queue and the encoder's state belong to its event loop.
 */
public final class KeysServerCodec extends CombinedChannelDuplexHandler<HttpRequestDecoder, HttpResponseEncoder> {
  private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>();

  public KeysServerCodec(HttpDecoderConfig config) {
    init(new RequestDecoder(config), new ResponseEncoder());
  }

  /** Whether {@code pipeline} writes {@link WireResponse}s, i.e. holds this codec. */
  static boolean isIn(ChannelPipeline pipeline) {
    return pipeline.get(KeysServerCodec.class) != null;
  }

  private final class RequestDecoder extends HttpRequestDecoder {
    RequestDecoder(HttpDecoderConfig config) {
      super(config);
    }

    @Override protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
      int oldSize = out.size();
      super.decode(ctx, buffer, out);
      for (int i = oldSize; i < out.size(); i++) {
        if (out.get(i) instanceof HttpRequest request) {
          methods.add(request.method());
        }
      }
    }
  }

  private final class ResponseEncoder extends HttpResponseEncoder {
    private HttpMethod method; // of the request the response being encoded answers

    @Override public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
      if (msg instanceof WireResponse wire) {
        // Only ever written between whole responses (ResponseOrder), so the encoder is idle.
        methods.poll();
        ctx.write(wire.content(), promise);
        return;
      }
      super.write(ctx, msg, promise);
    }

    @Override protected void sanitizeHeadersBeforeEncode(HttpResponse msg, boolean isAlwaysEmpty) {
      if (!isAlwaysEmpty && HttpMethod.CONNECT.equals(method)
          && msg.status().codeClass() == HttpStatusClass.SUCCESS) {
        msg.headers().remove(HttpHeaderNames.TRANSFER_ENCODING); // RFC 7230 3.3.1
        return;
      }
      super.sanitizeHeadersBeforeEncode(msg, isAlwaysEmpty);
    }

    @Override protected boolean isContentAlwaysEmpty(HttpResponse msg) {
      method = methods.poll();
      return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(msg);
    }
  }
}
