package io.etcdj.http.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.kvstore.ErrorCode;
import io.etcdj.kvstore.Event;
import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreError;
import io.etcdj.kvstore.StoreResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The wire answers are, byte for byte, what Netty's encoder makes of KeysResponses' objects. */
class WireResponsesTest {
  private static final AsciiString CLUSTER = new AsciiString("ca223654a9a27337");
  private static final long[] NUMBERS = {0, 7, 10, 99, 1_000_000_007L, Long.MAX_VALUE};

  private final Store store = Store.etcdV2(100);

  @Test
  void eventAnswersMatchTheEncodedResponseObjects() {
    Event created = put("/1/a", "x");
    Event replaced = put("/1/a", "y");
    for (Exchange ex : exchanges()) {
      for (Event event : List.of(created, replaced)) {
        for (long n : NUMBERS) {
          assertSameBytes(
              () -> KeysResponses.event(ex, CLUSTER, event, event.json("/1"), n, n + 1),
              () -> WireResponses.event(UnpooledByteBufAllocator.DEFAULT, ex, CLUSTER, event, event.json("/1"), n,
                  n + 1));
        }
      }
    }
  }

  @Test
  void errorAnswersMatchTheEncodedResponseObjects() {
    List<StoreError> storeErrors = List.of(new StoreError(ErrorCode.KEY_NOT_FOUND, "/a", 12),
        new StoreError(ErrorCode.TEST_FAILED, "[x != y]", Long.MAX_VALUE));
    List<RequestError> requestErrors = List.of(RequestError.invalidField("invalid value for \"wait\""),
        RequestError.raftInternal("etcdserver: request timed out"));
    for (Exchange ex : exchanges()) {
      for (StoreError e : storeErrors) {
        assertThat(WireResponses.encodable(e.code().httpStatus)).isTrue();
        assertSameBytes(() -> KeysResponses.storeError(ex, CLUSTER, e),
            () -> WireResponses.storeError(UnpooledByteBufAllocator.DEFAULT, ex, CLUSTER, e));
      }
      for (RequestError e : requestErrors) {
        assertThat(WireResponses.encodable(e.httpStatus())).isTrue();
        assertSameBytes(() -> KeysResponses.requestError(ex, CLUSTER, e),
            () -> WireResponses.requestError(UnpooledByteBufAllocator.DEFAULT, ex, CLUSTER, e));
      }
    }
  }

  @Test
  void statusesTheEncoderRewritesAreNotEncodable() {
    assertThat(WireResponses.encodable(100)).isFalse();
    assertThat(WireResponses.encodable(204)).isFalse();
    assertThat(WireResponses.encodable(205)).isFalse();
    assertThat(WireResponses.encodable(304)).isFalse();
    assertThat(WireResponses.encodable(200)).isTrue();
    assertThat(WireResponses.encodable(412)).isTrue();
  }

  @Test
  void decimalsAreLongToStringsDigits() {
    for (long n : new long[] {0, 1, 9, 10, 11, 99, 100, 123_456_789, Long.MAX_VALUE, -1, Long.MIN_VALUE}) {
      ByteBuf buf = UnpooledByteBufAllocator.DEFAULT.heapBuffer(1);
      WireResponses.writeDecimal(buf, n);
      assertThat(buf.toString(StandardCharsets.US_ASCII)).isEqualTo(Long.toString(n));
      buf.release();
    }
  }

  private static List<Exchange> exchanges() {
    List<Exchange> all = new ArrayList<>();
    for (HttpVersion version : List.of(HttpVersion.HTTP_1_1, HttpVersion.HTTP_1_0)) {
      for (boolean keepAlive : new boolean[] {true, false}) {
        for (boolean head : new boolean[] {false, true}) {
          all.add(new Exchange(version, keepAlive, head));
        }
      }
    }
    return all;
  }

  /** Both built within one second, so that they carry the same Date. */
  private static void assertSameBytes(Supplier<Object> objects, Supplier<WireResponse> wire) {
    for (int attempt = 0; ; attempt++) {
      AsciiString date = HttpDate.now();
      String expected = encoded(objects.get());
      WireResponse w = wire.get();
      String actual = w.content().toString(StandardCharsets.ISO_8859_1);
      w.release();
      if (HttpDate.now().equals(date) || attempt == 2) {
        assertThat(actual).isEqualTo(expected);
        return;
      }
    }
  }

  private static String encoded(Object response) {
    EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseEncoder());
    ch.writeOutbound(response);
    StringBuilder out = new StringBuilder();
    for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
      out.append(b.toString(StandardCharsets.ISO_8859_1));
      b.release();
    }
    ch.finishAndReleaseAll();
    return out.toString();
  }

  private Event put(String path, String value) {
    StoreResult r = store.apply(new StoreCommand.Put(path, value, false, 0, false, StoreCommand.PrevExist.UNSET,
        "", 0, 1_700_000_000_000L));
    return ((StoreResult.Ok) r).event();
  }
}
