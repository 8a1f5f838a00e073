package io.etcdj.raft.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static long ms(long nanos) { return Duration.ofNanos(nanos).toMillis(); }

  @Test
  void waitDoublesFromTheMinimumUpToTheMaximum() {
    Backoff b = new Backoff(Duration.ofMillis(25), Duration.ofSeconds(1));

    long[] waits = new long[8];
    for (int i = 0; i < waits.length; i++) {
      waits[i] = ms(b.nextDelayNanos());
    }

    assertThat(waits).containsExactly(25, 50, 100, 200, 400, 800, 1000, 1000);
  }

  @Test
  void connectionThatWorkedResetsTheWait() {
    Backoff b = new Backoff(Duration.ofMillis(25), Duration.ofSeconds(1));
    b.nextDelayNanos();
    b.nextDelayNanos();

    b.reset();

    assertThat(ms(b.nextDelayNanos())).isEqualTo(25);
  }

  @Test
  void refusalWaitsTheLongest() {
    Backoff b = new Backoff(Duration.ofMillis(25), Duration.ofSeconds(1));

    b.slowest();

    assertThat(ms(b.nextDelayNanos())).isEqualTo(1000);
  }
}
