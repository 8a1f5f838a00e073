package io.etcdj.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The member's Prometheus metrics, under etcd's names where etcd has one. Counters and timers
 * are thread-safe; the gauges read state published by the Raft loop.
 */
public final class ServerMetrics {
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final Counter leaderChanges;
  final Counter proposalsCommitted;
  final Counter proposalsApplied;
  final Counter proposalsFailed;
  final Timer walFsync;
  final Counter snapshotsSaved;
  /** Snapshots received from a leader and installed (a member that fell too far behind). */
  final Counter snapshotsReceived;
  /** MsgApp sent and received, for /v2/stats/self's send/recvAppendRequestCnt. */
  final Counter appendsSent;
  final Counter appendsReceived;
  final AtomicInteger hasLeader = new AtomicInteger();
  final AtomicInteger isLeader = new AtomicInteger();
  private final Counter.Builder httpRequests = Counter.builder("etcdj.http.requests")
      .description("HTTP requests served, by endpoint.");

  public ServerMetrics() {
    Gauge.builder("etcd.server.has_leader", hasLeader, AtomicInteger::get)
        .description("Whether or not a leader exists. 1 is existence, 0 is not.").register(registry);
    Gauge.builder("etcd.server.is_leader", isLeader, AtomicInteger::get)
        .description("Whether or not this member is a leader. 1 if is, 0 otherwise.").register(registry);
    leaderChanges = Counter.builder("etcd.server.leader.changes.seen")
        .description("The number of leader changes seen.").register(registry);
    proposalsCommitted = Counter.builder("etcd.server.proposals.committed")
        .description("The total number of consensus proposals committed.").register(registry);
    proposalsApplied = Counter.builder("etcd.server.proposals.applied")
        .description("The total number of consensus proposals applied.").register(registry);
    proposalsFailed = Counter.builder("etcd.server.proposals.failed")
        .description("The total number of failed proposals seen.").register(registry);
    // etcd's buckets: 0.001 s doubling 14 times.
    Duration[] buckets = new Duration[14];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = Duration.ofNanos(1_000_000L << i);
    }
    walFsync = Timer.builder("etcd.disk.wal.fsync.duration")
        .description("The latency distributions of fsync called by WAL.")
        .serviceLevelObjectives(buckets).register(registry);
    appendsSent = Counter.builder("etcdj.raft.appends.sent")
        .description("Raft append messages sent to followers.").register(registry);
    appendsReceived = Counter.builder("etcdj.raft.appends.received")
        .description("Raft append messages received from a leader.").register(registry);
    snapshotsReceived = Counter.builder("etcdj.snapshots.received")
        .description("Store snapshots received from the leader and installed.").register(registry);
    snapshotsSaved = Counter.builder("etcdj.snapshots.saved")
        .description("Store snapshots written to the snap directory.").register(registry);
  }

  void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  /** One counter per endpoint name (a small closed set, so no cardinality risk). */
  public Counter httpRequests(String endpoint) {
    return httpRequests.tag("endpoint", endpoint).register(registry);
  }

  /**
   * Client connections closed, or requests refused, by one of the HTTP server's limits
   * (header_too_large, header_read_timeout, idle_timeout, max_client_connections).
   */
  public Counter httpLimitHits(String limit) {
    return Counter.builder("etcdj.http.limit.hits").description("Client requests refused or connections "
        + "closed by an HTTP limit, by limit.").tag("limit", limit).register(registry);
  }

  /** The number of open client connections, as {@code open} tells it. */
  public void httpOpenConnections(Supplier<Number> open) {
    gauge("etcdj.http.connections.open", "Open client connections.", open);
  }

  public String scrape() { return registry.scrape(); }
}
