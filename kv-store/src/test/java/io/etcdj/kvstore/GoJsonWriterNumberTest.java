package io.etcdj.kvstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GoJsonWriterNumberTest {
  private static String written(long v) {
    GoJsonWriter w = new GoJsonWriter(16).raw('[').number(v).raw(']');
    return new String(w.buffer(), 0, w.length(), StandardCharsets.US_ASCII);
  }

  @Test
  void numbersAreWrittenAsGoPrintsThemAtEveryDigitCountAndSign() {
    long[] edges = {0, 9, 10, 99, 100, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L,
        Long.MAX_VALUE, -1, -10, -999_999_999_999_999_999L, Long.MIN_VALUE + 1, Long.MIN_VALUE};
    for (long v : edges) {
      assertThat(written(v)).isEqualTo("[" + v + "]");
    }
    for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
      assertThat(written(p - 1)).isEqualTo("[" + (p - 1) + "]");
      assertThat(written(p)).isEqualTo("[" + p + "]");
    }
  }

  @Test
  void randomNumbersMatchLongToString() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 100_000; i++) {
      long v = random.nextLong() >> random.nextInt(64);
      assertThat(written(v)).isEqualTo("[" + v + "]");
    }
  }
}
