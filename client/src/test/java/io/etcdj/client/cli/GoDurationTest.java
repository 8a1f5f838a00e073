package io.etcdj.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test void parsesGoDurationUnitsAndSums() {
    assertThat(GoDuration.parse("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(GoDuration.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
  }

  @Test void rejectsANumberWithoutUnit() {
    assertThatThrownBy(() -> GoDuration.parse("5")).isInstanceOf(IllegalArgumentException.class);
  }
}
