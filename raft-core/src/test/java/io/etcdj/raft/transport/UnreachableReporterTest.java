package io.etcdj.raft.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnreachableReporterTest {
  private final RecordingInbound inbound = new RecordingInbound();
  private final UnreachableReporter reporter =
      new UnreachableReporter(inbound, Duration.ofHours(1).toNanos());

  @Test
  void manyDropsWithinAnIntervalReportThePeerOnce() {
    for (int i = 0; i < 1000; i++) {
      reporter.report(5);
    }

    assertThat(inbound.unreachable(5)).isEqualTo(1);
  }

  @Test
  void eachPeerHasItsOwnInterval() {
    reporter.report(5);
    reporter.report(6);

    assertThat(inbound.unreachable(5)).isEqualTo(1);
    assertThat(inbound.unreachable(6)).isEqualTo(1);
  }

  @Test
  void forgottenPeerIsReportedAfresh() {
    reporter.report(5);

    reporter.forget(5);
    reporter.report(5);

    assertThat(inbound.unreachable(5)).isEqualTo(2);
  }
}
