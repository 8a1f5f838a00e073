package io.etcdj.http.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.kvstore.Store;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pipelined requests on one connection: answers leave in request order, and a request sees the
 * effects of the ones before it, as with Go's one-request-at-a-time server.
 */
class ResponseOrderTest {
  private final ArrayDeque<Runnable> applyQueue = new ArrayDeque<>(); // the apply thread, run by hand
  private final Store store = Store.etcdV2(1000);
  private final DirectBackend backend = new DirectBackend(store, applyQueue::add);
  private final EmbeddedChannel ch = channel(new KeysEndpoint(backend));

  @Test
  void writesBehindWritesAreProposedAtOnce() {
    ch.writeInbound(put("/v2/keys/a", "1"), put("/v2/keys/b", "2"));

    assertThat(applyQueue).hasSize(2);
  }

  @Test
  void readBehindAPendingWriteWaitsForItAndSeesIt() {
    ch.writeInbound(put("/v2/keys/a", "1"), get("/v2/keys/a"));
    assertThat(applyQueue).hasSize(1);
    assertThat(responses()).isEmpty();

    applyAll();

    List<FullHttpResponse> answers = responses();
    assertThat(answers).extracting(r -> r.status().code()).containsExactly(201, 200);
    assertThat(answers.get(1).content().toString(StandardCharsets.UTF_8)).contains("\"value\":\"1\"");
  }

  @Test
  void writeBehindAPendingReadWaitsForIt() {
    ch.writeInbound(get("/v2/keys/a?quorum=true"), put("/v2/keys/a", "1"));
    assertThat(applyQueue).hasSize(1); // the read barrier only

    applyAll();

    List<FullHttpResponse> answers = responses();
    assertThat(answers).extracting(r -> r.status().code()).containsExactly(404, 201);
  }

  @Test
  void answersLeaveInRequestOrderEvenWhenTheLaterOneIsReadyFirst() {
    ch.writeInbound(put("/v2/keys/a", "1"), new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT,
        "/v2/keys/b?ttl=x"));

    assertThat(responses()).isEmpty(); // the invalid PUT is answered, but only after the first

    applyAll();
    assertThat(responses()).extracting(r -> r.status().code()).containsExactly(201, 400);
  }

  @Test
  void connectionCloseRequestClosesAfterItsAnswerAndDropsLaterOnes() {
    FullHttpRequest closing = put("/v2/keys/a", "1");
    closing.headers().set(HttpHeaderNames.CONNECTION, "close");
    ch.writeInbound(closing, put("/v2/keys/b", "2"));

    applyAll();

    assertThat(responses()).extracting(r -> r.status().code()).containsExactly(201);
    assertThat(ch.isOpen()).isFalse();
  }

  private void applyAll() {
    while (!applyQueue.isEmpty()) {
      applyQueue.poll().run();
      ch.runPendingTasks();
    }
  }

  private List<FullHttpResponse> responses() {
    List<FullHttpResponse> out = new ArrayList<>();
    for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
      out.add((FullHttpResponse) o);
    }
    return out;
  }

  private static FullHttpRequest put(String uri, String value) {
    FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, uri,
        Unpooled.copiedBuffer("value=" + value, StandardCharsets.US_ASCII));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, ContentType.FORM);
    return r;
  }

  private static FullHttpRequest get(String uri) {
    return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
  }

  private static EmbeddedChannel channel(KeysEndpoint endpoint) {
    return new EmbeddedChannel(new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        endpoint.handle(ctx, (FullHttpRequest) msg);
      }
    });
  }
}
