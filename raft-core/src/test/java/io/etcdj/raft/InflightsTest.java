package io.etcdj.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InflightsTest {
  @Test
  void windowFillsAndFreesUpToAnAcknowledgedIndex() {
    Inflights in = new Inflights(3);
    in.add(5);
    in.add(9);
    in.add(12);
    assertThat(in.full()).isTrue();
    assertThatThrownBy(() -> in.add(13)).isInstanceOf(IllegalStateException.class);
    in.freeLE(9);
    assertThat(in.count()).isEqualTo(1);
    in.add(15);
    in.add(20); // wraps around the ring
    assertThat(in.full()).isTrue();
    in.freeLE(4);
    assertThat(in.count()).isEqualTo(3);
    in.freeFirstOne();
    assertThat(in.count()).isEqualTo(2);
    in.freeLE(100);
    assertThat(in.count()).isZero();
  }
}
