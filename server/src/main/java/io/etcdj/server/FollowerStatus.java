package io.etcdj.server;

/**
 * One follower as its leader sees it (etcd's FollowerStats behind /v2/stats/leader): replication
 * progress, and the peer link's round-trip latency and message counts.
 *
 * @param latencyMs the transport's round-trip measurements in milliseconds (current, average,
 *     standard deviation, minimum, maximum), zeros before the first
 */
public record FollowerStatus(long id, long match, long next, boolean learner, boolean recentActive,
                             double latencyCurrentMs, double latencyAverageMs, double latencyStdDevMs,
                             double latencyMinMs, double latencyMaxMs, long successCount, long failCount) {}
