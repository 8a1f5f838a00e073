package io.etcdj.http.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * KeysServerCodec repeats HttpServerCodec's bookkeeping: the same requests and answers give the
 * same bytes and the same closes through both, and a WireResponse takes its request's place in
 * the method queue as the encoded response would.
 */
class KeysServerCodecTest {
  private static final String GET = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";
  private static final String HEAD = "HEAD /a HTTP/1.1\r\nHost: x\r\n\r\n";

  @Test
  void answersToHeadRequestsLoseTheirBodyInOrder() {
    assertSameAsNetty(GET + HEAD + GET + HEAD, false);
  }

  @Test
  void wireResponsesTakeTheirRequestsPlaceInTheMethodQueue() {
    assertSameAsNetty(GET + HEAD + HEAD + GET + HEAD, true);
  }

  @Test
  void anInterimAnswerLeavesTheRequestUnanswered() {
    Supplier<ChannelHandler> answers = () -> new ChannelInboundHandlerAdapter() {
      @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
        ctx.write(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        ctx.writeAndFlush(answer("body"));
      }
    };
    assertThat(exchange(new KeysServerCodec(), answers.get(), HEAD + GET))
        .isEqualTo(exchange(new HttpServerCodec(), answers.get(), HEAD + GET));
  }

  @Test
  void aSuccessfulConnectAnswerLosesItsTransferEncoding() {
    Supplier<ChannelHandler> answers = () -> new ChannelInboundHandlerAdapter() {
      @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set("Transfer-Encoding", "chunked");
        ctx.writeAndFlush(r);
      }
    };
    String connect = "CONNECT x:443 HTTP/1.1\r\nHost: x\r\n\r\n";
    assertThat(exchange(new KeysServerCodec(), answers.get(), connect))
        .isEqualTo(exchange(new HttpServerCodec(), answers.get(), connect));
  }

  @Test
  void aRequestWithAChunkedBodyAndALengthIsAnsweredThenClosed() {
    String smuggled = "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "3\r\nabc\r\n0\r\n\r\n";
    for (boolean wire : new boolean[] {false, true}) {
      assertThat(exchange(new KeysServerCodec(), answerer(wire), smuggled))
          .isEqualTo(exchange(new HttpServerCodec(), answerer(false), smuggled));
    }
  }

  @Test
  void manyUnansweredRequestsAreKeptForTheirAnswersUpToTheLimit() {
    Supplier<ChannelHandler> silent = () -> new ChannelInboundHandlerAdapter() {
      @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
      }
    };
    // HttpServerCodec fails at 129; Go reads one request at a time and answers any number
    assertThat(catchThrowable(() -> exchange(new HttpServerCodec(), silent.get(), GET.repeat(129))))
        .hasRootCauseMessage("maxPipelineDepth exceeded: 128");
    assertThat(catchThrowable(() -> exchange(new KeysServerCodec(), silent.get(), GET.repeat(300)))).isNull();
    assertThat(catchThrowable(() -> exchange(new KeysServerCodec(), silent.get(),
        GET.repeat(KeysServerCodec.MAX_PIPELINE_DEPTH + 1))))
        .hasRootCauseMessage("maxPipelineDepth exceeded: " + KeysServerCodec.MAX_PIPELINE_DEPTH);
  }

  private static void assertSameAsNetty(String requests, boolean wire) {
    assertThat(exchange(new KeysServerCodec(), answerer(wire), requests))
        .isEqualTo(exchange(new HttpServerCodec(), answerer(false), requests));
  }

  /**
   * Answers every request with a 200 and a body naming its method; if asked, as wire bytes, which
   * (as KeysResponses' answers) already leave out the body of an answer to HEAD.
   */
  private static ChannelHandler answerer(boolean wire) {
    return new ChannelInboundHandlerAdapter() {
      @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
        String method = ((HttpRequest) msg).method().name();
        ReferenceCountUtil.release(msg);
        FullHttpResponse r = answer("answer to " + method);
        if (wire && method.equals("HEAD")) {
          r = r.replace(Unpooled.EMPTY_BUFFER);
        }
        ctx.writeAndFlush(wire ? new WireResponse(encoded(r)) : r);
      }
    };
  }

  private static FullHttpResponse answer(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
        Unpooled.wrappedBuffer(bytes));
    r.headers().set("Content-Length", bytes.length);
    return r;
  }

  /** What an encoder without a method queue makes of {@code r}: all of it, body included. */
  private static ByteBuf encoded(FullHttpResponse r) {
    EmbeddedChannel encoder = new EmbeddedChannel(new HttpResponseEncoder());
    encoder.writeOutbound(r);
    ByteBuf all = Unpooled.buffer();
    for (ByteBuf b = encoder.readOutbound(); b != null; b = encoder.readOutbound()) {
      all.writeBytes(b);
      b.release();
    }
    return all;
  }

  /** The bytes written back for {@code requests}, then whether the connection was closed. */
  private static String exchange(ChannelHandler codec, ChannelHandler answers, String requests) {
    EmbeddedChannel ch = new EmbeddedChannel(codec, new HttpObjectAggregator(1 << 20), answers);
    ch.writeInbound(Unpooled.copiedBuffer(requests, StandardCharsets.US_ASCII));
    ch.runPendingTasks();
    StringBuilder out = new StringBuilder();
    for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
      ByteBuf b = (ByteBuf) o;
      out.append(b.toString(StandardCharsets.ISO_8859_1));
      b.release();
    }
    out.append(ch.isOpen() ? "open" : "closed");
    ch.finishAndReleaseAll();
    return out.toString();
  }
}
