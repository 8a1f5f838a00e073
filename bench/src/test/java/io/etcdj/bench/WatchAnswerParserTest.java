package io.etcdj.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WatchAnswerParserTest {
  private static WatchAnswer parse(String json) {
    return WatchAnswerParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test void readsTheNodesModifiedIndexAndTheSendTimeAtTheStartOfTheValue() {
    WatchAnswer a = parse("{\"action\":\"set\",\"node\":{\"key\":\"/d/k1\",\"value\":\"123456789xxxx\","
        + "\"modifiedIndex\":42,\"createdIndex\":42},\"prevNode\":{\"key\":\"/d/k1\",\"value\":\"1xx\","
        + "\"modifiedIndex\":7,\"createdIndex\":7}}\n");
    assertThat(a).isEqualTo(new WatchAnswer.Event(42, 123456789L));
  }

  @Test void aValueWithoutATimestampGivesMinusOne() {
    assertThat(parse("{\"action\":\"set\",\"node\":{\"key\":\"/k\",\"value\":\"abc\",\"modifiedIndex\":3}}"))
        .isEqualTo(new WatchAnswer.Event(3, -1));
  }

  @Test void readsEventIndexClearedWithTheCurrentIndex() {
    WatchAnswer a = parse("{\"errorCode\":401,\"message\":\"The event in requested index is outdated and cleared\","
        + "\"cause\":\"the requested history has been cleared [1008/7]\",\"index\":2007}");
    assertThat(a).isEqualTo(new WatchAnswer.Error(401, 2007));
  }

  @Test void garbageIsUnreadable() {
    assertThat(parse("not json")).isInstanceOf(WatchAnswer.Unreadable.class);
    assertThat(parse("{\"action\":\"get\"}")).isInstanceOf(WatchAnswer.Unreadable.class);
  }

  @Test void leadingNumberStopsAtTheFirstNonDigit() {
    assertThat(WatchAnswerParser.leadingNumber("987x")).isEqualTo(987);
    assertThat(WatchAnswerParser.leadingNumber("x987")).isEqualTo(-1);
    assertThat(WatchAnswerParser.leadingNumber("")).isEqualTo(-1);
  }

  @Test void theWritersBodyCarriesTheSendTimePaddedToTheValueSize() {
    String body = PutWriter.body(12345, 8).toString(StandardCharsets.US_ASCII);
    assertThat(body).isEqualTo("value=12345xxx");
    assertThat(PutWriter.body(12345, 2).toString(StandardCharsets.US_ASCII)).isEqualTo("value=12345");
  }
}
