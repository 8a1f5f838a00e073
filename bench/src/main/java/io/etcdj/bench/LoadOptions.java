package io.etcdj.bench;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags every load command shares. Filled by picocli on the main thread, then read-only. */
final class LoadOptions {
  @Option(names = "--endpoints", defaultValue = "http://127.0.0.1:2379",
      description = "comma-separated v2 endpoints (etcd or etcdj); connections are spread over them")
  String endpoints;

  @Option(names = "--conns", defaultValue = "64", description = "persistent keep-alive connections")
  int conns;

  @Option(names = "--duration", defaultValue = "10", description = "seconds to measure")
  double durationSeconds;

  @Option(names = "--warmup", defaultValue = "2", description = "seconds to run before measuring")
  double warmupSeconds;

  @Option(names = "--value-size", defaultValue = "256", description = "bytes per value")
  int valueSize;

  @Option(names = "--key-space", defaultValue = "10000", description = "number of distinct keys")
  int keySpace;

  @Option(names = "--prefix", defaultValue = "/bench", description = "directory the keys live in")
  String prefix;

  @Option(names = "--threads", defaultValue = "0",
      description = "event loop threads (0: one per core)")
  int threads;

  List<Target> targets() { return Target.parseList(endpoints); }

  Duration duration() { return seconds(durationSeconds); }

  Duration warmup() { return seconds(warmupSeconds); }

  int eventLoopThreads() {
    return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }

  static Duration seconds(double s) { return Duration.ofNanos((long) (s * 1e9)); }

  String describe() {
    return String.format(java.util.Locale.ROOT,
        "endpoints=%s conns=%d duration=%.1fs warmup=%.1fs value-size=%d key-space=%d",
        endpoints, conns, durationSeconds, warmupSeconds, valueSize, keySpace);
  }

  void validate() {
    if (conns < 1) throw new IllegalArgumentException("--conns must be at least 1");
    if (keySpace < 1) throw new IllegalArgumentException("--key-space must be at least 1");
    if (valueSize < 0) throw new IllegalArgumentException("--value-size must not be negative");
    if (durationSeconds <= 0) throw new IllegalArgumentException("--duration must be positive");
  }
}
