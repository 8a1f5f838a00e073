package io.etcdj.server;

/**
 * One follower as its leader sees it (etcd's FollowerStats behind /v2/stats/leader): replication
 * progress, and the peer link's round-trip latency (milliseconds: current, average, standard
 * deviation, minimum, maximum) and message counts.
 *
 * @param measured whether any round trip was measured yet; before, the latencies are zero and
 *     the minimum is {@link #NO_MINIMUM_MS}, as etcd starts a follower's minimum at 1 << 63
 */
public record FollowerStatus(long id, long match, long next, boolean learner, boolean recentActive,
                             boolean measured, double latencyCurrentMs, double latencyAverageMs,
                             double latencyStdDevMs, double latencyMinMs, double latencyMaxMs, long successCount,
                             long failCount) {
  /** etcd's FollowerStats start with {@code Minimum = 1 << 63} (as a float64). */
  public static final double NO_MINIMUM_MS = 0x1p63;
}
