package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.raft.StateRole;
import io.etcdj.server.FollowerStatus;
import io.etcdj.server.SelfStats;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bodies of /v2/stats/self and /v2/stats/leader, shaped as etcd 3.4's json.Marshal shapes them. */
class StatsBodiesTest {
  private static final Instant START = Instant.parse("2026-12-01T22:00:22.860520641Z");

  private static SelfStats self(double recvRate, double sendRate) {
    return new SelfStats("m2", 0xaa8bfa5f836464fdL, StateRole.FOLLOWER, START, 0xb5179d13d0285315L, START,
        1_500_000_000L, 43, recvRate, recvRate * 80, 0, sendRate, sendRate * 80);
  }

  @Test
  void selfStatsHaveEtcdsFieldOrderAndOmitTheRatesThatAreZero() {
    assertThat(StatsEndpoint.selfJson(self(566.25, 0))).isEqualTo("{\"name\":\"m2\",\"id\":\"aa8bfa5f836464fd\","
        + "\"state\":\"StateFollower\",\"startTime\":\"2026-12-01T22:00:22.860520641Z\",\"leaderInfo\":"
        + "{\"leader\":\"b5179d13d0285315\",\"uptime\":\"1.5s\",\"startTime\":\"2026-12-01T22:00:22.860520641Z\"},"
        + "\"recvAppendRequestCnt\":43,\"recvPkgRate\":566.25,\"recvBandwidthRate\":45300,"
        + "\"sendAppendRequestCnt\":0}");
  }

  @Test
  void selfStatsAreEmptyWhenARateIsInfiniteAsEtcdsFailedMarshalLeavesThem() {
    assertThat(StatsEndpoint.selfJson(self(Double.POSITIVE_INFINITY, 0))).isEmpty();
  }

  @Test
  void leaderStatsKeyFollowersByIdInGoMapOrderWhichIsStringOrder() {
    FollowerStatus fff = new FollowerStatus(0xfffL, 0, 0, false, true, true, 1, 1, 0, 1, 1, 3, 0);
    FollowerStatus big = new FollowerStatus(0x1000L, 0, 0, false, true, true, 0.5, 0.5, 0, 0.5, 0.5, 2, 1);

    String body = StatsEndpoint.leaderJson(0x1L, List.of(fff, big));

    assertThat(body).isEqualTo("{\"leader\":\"1\",\"followers\":{"
        + "\"1000\":{\"latency\":{\"current\":0.5,\"average\":0.5,\"standardDeviation\":0,\"minimum\":0.5,"
        + "\"maximum\":0.5},\"counts\":{\"fail\":1,\"success\":2}},"
        + "\"fff\":{\"latency\":{\"current\":1,\"average\":1,\"standardDeviation\":0,\"minimum\":1,\"maximum\":1},"
        + "\"counts\":{\"fail\":0,\"success\":3}}}}");
  }

  @Test
  void aFollowerNeverMeasuredShowsEtcdsStartingMinimum() {
    FollowerStatus unstarted = new FollowerStatus(0x63f74d86b0f3ebf0L, 0, 0, true, false, false, 0, 0, 0,
        FollowerStatus.NO_MINIMUM_MS, 0, 0, 0);

    assertThat(StatsEndpoint.leaderJson(0xb5179d13d0285315L, List.of(unstarted))).isEqualTo(
        "{\"leader\":\"b5179d13d0285315\",\"followers\":{\"63f74d86b0f3ebf0\":{\"latency\":{\"current\":0,"
            + "\"average\":0,\"standardDeviation\":0,\"minimum\":9223372036854776000,\"maximum\":0},"
            + "\"counts\":{\"fail\":0,\"success\":0}}}}");
  }
}
