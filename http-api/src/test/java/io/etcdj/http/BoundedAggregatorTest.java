package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A request that arrives whole is joined without the aggregator, into the message the aggregator
 * would have made (but for the Content-Length it adds to a bodiless request); everything else
 * takes the aggregator's path.
 */
class BoundedAggregatorTest {
  private static final String PUT = "PUT /v2/keys/a?x=1 HTTP/1.1\r\nHost: h\r\n"
      + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\nvalue=abc";
  private static final String GET = "GET /v2/keys/a HTTP/1.1\r\nHost: h\r\n\r\n";
  private static final String CHUNKED = "PUT /v2/keys/a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
      + "3\r\nval\r\n6\r\nue=abc\r\n0\r\nX-Trailer: t\r\n\r\n";

  @Test
  void wholeRequestsAreTheAggregatorsMessages() {
    for (String requests : List.of(PUT, GET, PUT + GET + PUT, CHUNKED, GET + CHUNKED + PUT)) {
      assertThat(described(received(new BoundedAggregator(), requests)))
          .isEqualTo(described(received(new HttpObjectAggregator(BoundedAggregator.MAX_CONTENT_BYTES, true), requests)));
    }
  }

  @Test
  void aBodySplitAcrossReadsIsAggregated() {
    EmbeddedChannel ch = new EmbeddedChannel(new HttpServerCodec(), new BoundedAggregator());
    int split = PUT.length() - 4;
    ch.writeInbound(ascii(PUT.substring(0, split)));
    assertThat((Object) ch.readInbound()).isNull();
    ch.writeInbound(ascii(PUT.substring(split)));
    FullHttpRequest request = ch.readInbound();
    assertThat(request.content().toString(StandardCharsets.US_ASCII)).isEqualTo("value=abc");
    request.release();
    ch.finishAndReleaseAll();
  }

  @Test
  void aHeadWaitingForItsBodyKeepsReadingWhenAutoReadIsOff() {
    EmbeddedChannel ch = new EmbeddedChannel(new HttpServerCodec(), new BoundedAggregator());
    ch.config().setAutoRead(false);
    int[] reads = {0};
    ch.pipeline().addFirst(new io.netty.channel.ChannelOutboundHandlerAdapter() {
      @Override public void read(io.netty.channel.ChannelHandlerContext ctx) {
        reads[0]++;
        ctx.read();
      }
    });
    ch.writeInbound(ascii(PUT.substring(0, PUT.length() - 9)));
    assertThat(reads[0]).isEqualTo(1);
    ch.writeInbound(ascii(PUT.substring(PUT.length() - 9)));
    ((FullHttpRequest) ch.readInbound()).release();
    ch.finishAndReleaseAll();
  }

  @Test
  void aConnectionClosedBeforeTheBodyIsReportedAsTheAggregatorDoes() {
    EmbeddedChannel ch = new EmbeddedChannel(new HttpServerCodec(), new BoundedAggregator());
    ch.writeInbound(ascii(PUT.substring(0, PUT.length() - 9)));
    ch.close();
    assertThatThrownBy(ch::checkException).isInstanceOf(PrematureChannelClosureException.class);
  }

  private static List<FullHttpRequest> received(ChannelHandler aggregator, String requests) {
    EmbeddedChannel ch = new EmbeddedChannel(new HttpServerCodec(), aggregator);
    ch.writeInbound(ascii(requests));
    List<FullHttpRequest> all = new ArrayList<>();
    for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
      all.add((FullHttpRequest) o);
    }
    ch.finishAndReleaseAll();
    return all;
  }

  /** Everything a handler can read of the requests (the length a bodiless one was given aside). */
  private static List<String> described(List<FullHttpRequest> requests) {
    List<String> out = new ArrayList<>();
    for (FullHttpRequest r : requests) {
      StringBuilder b = new StringBuilder(r.protocolVersion() + " " + r.method() + " " + r.uri()
          + " " + r.decoderResult().isSuccess());
      for (Map.Entry<String, String> h : r.headers()) {
        if (!(h.getKey().equalsIgnoreCase("content-length") && h.getValue().equals("0") && !r.content().isReadable())) {
          b.append('\n').append(h.getKey()).append(": ").append(h.getValue());
        }
      }
      b.append("\n\n").append(r.content().toString(StandardCharsets.ISO_8859_1));
      r.trailingHeaders().forEach(h -> b.append('\n').append(h.getKey()).append(": ").append(h.getValue()));
      out.add(b.toString());
      r.release();
    }
    return out;
  }

  private static ByteBuf ascii(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
  }
}
