package io.etcdj.server;

import io.etcdj.raft.transport.RoundTripListener;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Round trips to each peer as the transport measures them: etcd's
 * {@code etcd_network_peer_round_trip_time_seconds} histogram, the latency figures of
 * {@code /v2/stats/leader} (current, mean, standard deviation, minimum, maximum, after etcd's
 * FollowerStats), and since when a peer has answered without a break (etcd's ActiveSince, which
 * its strict reconfiguration check asks). Fed on transport event loops, read by HTTP threads.
 */
final class RoundTrips implements RoundTripListener {
  /** Welford's running mean and variance of one peer's round trips, in milliseconds. */
  static final class Latency {
    private long count;
    private double current;
    private double mean;
    private double m2;
    private double min = Double.MAX_VALUE;
    private double max;

    synchronized void add(double ms) {
      count++;
      current = ms;
      double delta = ms - mean;
      mean += delta / count;
      m2 += delta * (ms - mean);
      min = Math.min(min, ms);
      max = Math.max(max, ms);
    }

    /** current, average, standard deviation, minimum, maximum; zeros before the first sample. */
    synchronized double[] figures() {
      if (count == 0) {
        return new double[5];
      }
      return new double[] {current, mean, count > 1 ? Math.sqrt(m2 / count) : 0, min, max};
    }
  }

  private static final Duration[] BUCKETS = new Duration[16];
  /**
   * The transport pings each connected peer every second: a peer whose last answer is older
   * than this has stopped answering, and its next answer starts a new run.
   */
  static final long ANSWERING_GAP_NANOS = 2_500_000_000L;

  static {
    // etcd's buckets: 0.0001 s doubling 16 times.
    for (int i = 0; i < BUCKETS.length; i++) {
      BUCKETS[i] = Duration.ofNanos(100_000L << i);
    }
  }

  /** First and last answer of a peer's current run of answers, in the clock's nanoseconds. */
  private record Run(long firstNanos, long lastNanos) {}

  private final ServerMetrics metrics;
  private final Clock clock;
  private final ConcurrentHashMap<Long, Latency> byPeer = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, Timer> timers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, Run> runs = new ConcurrentHashMap<>();

  RoundTrips(ServerMetrics metrics, Clock clock) {
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override public void roundTrip(long memberId, Duration roundTrip) {
    long now = clock.nanoTime();
    runs.compute(memberId, (id, run) -> run == null || now - run.lastNanos() > ANSWERING_GAP_NANOS
        ? new Run(now, now) : new Run(run.firstNanos(), now));
    byPeer.computeIfAbsent(memberId, id -> new Latency()).add(roundTrip.toNanos() / 1e6);
    timers.computeIfAbsent(memberId, id -> Timer.builder("etcd.network.peer.round.trip.time")
        .description("Round-Trip-Time histogram between peers")
        .tag("To", ClusterIdentity.hex(id))
        .serviceLevelObjectives(BUCKETS)
        .register(metrics.registry)).record(roundTrip);
  }

  /** current, average, standard deviation, minimum, maximum; null before the first round trip. */
  double[] latency(long memberId) {
    Latency l = byPeer.get(memberId);
    return l == null ? null : l.figures();
  }

  /**
   * Whether {@code memberId} has answered every ping since at least {@code sinceNanos} (clock
   * nanoseconds) and still does.
   */
  boolean answeringSince(long memberId, long sinceNanos) {
    Run run = runs.get(memberId);
    long now = clock.nanoTime();
    return run != null && now - run.lastNanos() <= ANSWERING_GAP_NANOS && run.firstNanos() - sinceNanos <= 0;
  }
}
