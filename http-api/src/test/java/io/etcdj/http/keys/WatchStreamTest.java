package io.etcdj.http.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreCommand;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Watch delivery at the channel level (EmbeddedChannel, store applied on the test thread, which
 * is also the channel's event loop): shared encodings and the slow-consumer bound.
 */
class WatchStreamTest {
  private final Store store = Store.etcdV2(1000);
  private final DirectBackend backend = new DirectBackend(store, Runnable::run);

  @Test
  void everyWatcherOfAnEventWritesTheSameEncodedBytes() {
    KeysEndpoint endpoint = new KeysEndpoint(backend);
    EmbeddedChannel first = channel(endpoint);
    EmbeddedChannel second = channel(endpoint);
    first.writeInbound(get("/v2/keys/foo?wait=true"));
    second.writeInbound(get("/v2/keys/foo?wait=true"));

    put("/1/foo", "shared");
    first.runPendingTasks();
    second.runPendingTasks();

    ByteBuf a = eventChunks(first).get(0);
    ByteBuf b = eventChunks(second).get(0);
    assertThat(a.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("\"value\":\"shared\"");
    assertThat(a.hasArray()).isTrue();
    assertThat(a.array()).isSameAs(b.array());
  }

  @Test
  void slowStreamConsumerIsEndedWithALastChunkThenClosedAndItsWatcherCancelled() {
    KeysEndpoint endpoint = new KeysEndpoint(backend, 4096);
    EmbeddedChannel ch = channel(endpoint);
    ch.writeInbound(get("/v2/keys/foo?wait=true&stream=true"));
    assertThat(store.stats().watchers()).isEqualTo(1);
    ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false); // the client stopped reading

    String value = "x".repeat(1000);
    for (int i = 0; i < 10; i++) {
      put("/1/foo", value);
      ch.runPendingTasks();
    }

    List<HttpObject> out = drain(ch);
    assertThat(out.get(0)).isInstanceOf(HttpResponse.class);
    assertThat(out.get(out.size() - 1)).isInstanceOf(LastHttpContent.class);
    long events = out.stream().filter(o -> o instanceof HttpContent c && c.content().isReadable()).count();
    assertThat(events).isBetween(1L, 5L);
    assertThat(ch.isOpen()).isFalse();
    assertThat(store.stats().watchers()).isZero();
  }

  @Test
  void streamThatKeepsUpIsNeverEnded() {
    KeysEndpoint endpoint = new KeysEndpoint(backend, 4096);
    EmbeddedChannel ch = channel(endpoint);
    ch.writeInbound(get("/v2/keys/foo?wait=true&stream=true"));

    String value = "x".repeat(1000);
    for (int i = 0; i < 20; i++) {
      put("/1/foo", value);
      ch.runPendingTasks();
    }

    assertThat(eventChunks(ch)).hasSize(20);
    assertThat(ch.isOpen()).isTrue();
    assertThat(store.stats().watchers()).isEqualTo(1);
  }

  @Test
  void eventsAppliedBeforeTheLoopRunsGoOutInOnePassWithOneFlush() {
    KeysEndpoint endpoint = new KeysEndpoint(backend);
    int[] flushes = new int[1];
    EmbeddedChannel ch = channel(endpoint);
    ch.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
      @Override
      public void flush(ChannelHandlerContext ctx) {
        flushes[0]++;
        ctx.flush();
      }
    });
    ch.writeInbound(get("/v2/keys/foo?wait=true&stream=true"));
    drain(ch);
    int flushesAfterHead = flushes[0];

    for (int i = 0; i < 5; i++) {
      put("/1/foo", "v" + i);
    }
    ch.runPendingTasks();

    assertThat(eventChunks(ch)).hasSize(5);
    assertThat(flushes[0] - flushesAfterHead).isEqualTo(1);
  }

  @Test
  void longPollEventAndItsLastChunkAreOneMessage() {
    EmbeddedChannel ch = channel(new KeysEndpoint(backend));
    ch.writeInbound(get("/v2/keys/foo?wait=true"));
    drain(ch);

    put("/1/foo", "once");
    ch.runPendingTasks();

    List<HttpObject> out = drain(ch);
    assertThat(out).hasSize(1);
    assertThat(out.get(0)).isInstanceOf(LastHttpContent.class);
    assertThat(((LastHttpContent) out.get(0)).content().toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"value\":\"once\"");
    assertThat(store.stats().watchers()).isZero();
  }

  @Test
  void closingTheChannelCancelsAPendingLongPoll() {
    EmbeddedChannel ch = channel(new KeysEndpoint(backend));
    ch.writeInbound(get("/v2/keys/foo?wait=true"));
    assertThat(store.stats().watchers()).isEqualTo(1);

    ch.close();
    ch.runPendingTasks();

    assertThat(store.stats().watchers()).isZero();
  }

  private void put(String path, String value) {
    store.apply(new StoreCommand.Put(path, value, false, 0, false, StoreCommand.PrevExist.UNSET, "", 0,
        backend.nowMs()));
  }

  private static EmbeddedChannel channel(KeysEndpoint endpoint) {
    return new EmbeddedChannel(new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        endpoint.handle(ctx, (FullHttpRequest) msg);
      }
    });
  }

  private static FullHttpRequest get(String uri) {
    return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
  }

  private static List<HttpObject> drain(EmbeddedChannel ch) {
    List<HttpObject> out = new ArrayList<>();
    for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
      out.add((HttpObject) o);
    }
    return out;
  }

  private static List<ByteBuf> eventChunks(EmbeddedChannel ch) {
    List<ByteBuf> chunks = new ArrayList<>();
    for (HttpObject o : drain(ch)) {
      if (o instanceof HttpContent c && c.content().isReadable()) {
        chunks.add(c.content());
      }
    }
    return chunks;
  }
}
