package io.etcdj.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestsTest {
  private final Target target = Target.parse("http://127.0.0.1:2379");

  private static String encodedByNetty(Object request) {
    EmbeddedChannel ch = new EmbeddedChannel(new HttpRequestEncoder());
    ch.writeOutbound(request);
    ByteBuf all = Unpooled.buffer();
    for (ByteBuf part; (part = ch.readOutbound()) != null; part.release()) {
      all.writeBytes(part);
    }
    return all.toString(StandardCharsets.US_ASCII);
  }

  private static String text(ByteBuf buf) {
    try {
      return buf.toString(StandardCharsets.US_ASCII);
    } finally {
      buf.release();
    }
  }

  @Test
  void aHandEncodedPutIsByteForByteWhatNettyWouldSend() {
    ByteBuf body = Requests.valueBody(16);
    assertThat(text(Requests.encodedPut(target, "/v2/keys/bench/k7", body)))
        .isEqualTo(encodedByNetty(Requests.putOwned(target, "/v2/keys/bench/k7", body.retainedDuplicate())))
        .endsWith("\r\n\r\nvalue=xxxxxxxxxxxxxxxx");
  }

  @Test
  void aHandEncodedGetIsByteForByteWhatNettyWouldSend() {
    assertThat(text(Requests.encodedGet(target, "/v2/keys/bench/k7?quorum=true")))
        .isEqualTo(encodedByNetty(Requests.get(target, "/v2/keys/bench/k7?quorum=true")));
  }
}
