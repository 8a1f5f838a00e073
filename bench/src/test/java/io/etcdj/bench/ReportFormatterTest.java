package io.etcdj.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportFormatterTest {
  @Test void loadBlockShowsOpsErrorsThroughputAndPercentilesInMilliseconds() {
    Histogram us = new Histogram(3);
    for (int i = 1; i <= 1000; i++) us.recordValue(i * 10L); // 10 us .. 10 ms
    LoadResult r = new LoadResult(5000, Map.of(409, 3L, LoadRun.TRANSPORT_ERROR, 1L), 2_000_000_000L, us);

    String block = ReportFormatter.load("put conns=4", r);

    assertThat(block).isEqualTo("""
        == put conns=4
        ops                5000
        errors             4 (conn: 1, 409: 3)
        elapsed s          2.00
        throughput/s       2500.0
        latency ms         p50 5.003  p99 9.903  p99.9 9.991  max 10.007
        """);
  }

  @Test void noErrorsPrintsZero() {
    assertThat(ReportFormatter.errors(Map.of())).isEqualTo("0");
  }

  @Test void anEmptyHistogramSaysSo() {
    assertThat(ReportFormatter.latency(new Histogram(3))).isEqualTo("n/a (no samples)");
  }

  @Test void watchBlockShowsExpectedReceivedMissedAnd401s() {
    Histogram us = new Histogram(3);
    us.recordValue(2_000);
    WatchReport w = new WatchReport(100, 3000, 0, 300_000, 299_990, 10, 2, 0, us);

    String block = ReportFormatter.watch("watch long-poll", w);

    assertThat(block).contains("events expected    300000\n")
        .contains("events received    299990\n")
        .contains("events missed      10\n")
        .contains("401s               2\n")
        .contains("notify latency ms  p50 2.000");
  }
}
