package io.etcdj.bench;

import io.etcdj.client.EtcdClient;
import io.etcdj.client.EtcdException;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench watch}: W watchers on one directory, a writer PUTting under it; reports events
 * expected / received / missed, 401s and the PUT-to-notification latency.
 */
@Command(name = "watch", description = "watch fan-out: notification latency and missed events",
    mixinStandardHelpOptions = true)
final class WatchCommand implements Callable<Integer> {
  @Option(names = "--endpoints", defaultValue = "http://127.0.0.1:2379",
      description = "comma-separated v2 endpoints; watchers are spread over them, the writer uses the first")
  String endpoints;

  @Option(names = "--watchers", defaultValue = "100", description = "watchers, one connection each")
  int watchers;

  @Option(names = "--puts", defaultValue = "1000", description = "PUTs sent back to back (ignored with --rate)")
  long puts;

  @Option(names = "--rate", defaultValue = "0", description = "PUTs per second for --duration instead of --puts")
  double rate;

  @Option(names = "--duration", defaultValue = "10", description = "seconds of --rate writing")
  double durationSeconds;

  @Option(names = "--value-size", defaultValue = "64", description = "bytes per value (at least the send time's digits)")
  int valueSize;

  @Option(names = "--key-space", defaultValue = "100", description = "distinct keys the writer cycles through")
  int keySpace;

  @Option(names = "--dir", defaultValue = "/bench-watch", description = "directory watched (recursively)")
  String dir;

  @Option(names = "--stream", description = "stream=true watches instead of re-armed long-polls")
  boolean stream;

  @Option(names = "--closed-loop", description = "each PUT sent once every watcher has the previous event "
      + "(one event per delivery: the cost of a delivery and its latency alone)")
  boolean closedLoop;

  @Option(names = "--drain", defaultValue = "10", description = "seconds to wait for late events after the last PUT")
  double drainSeconds;

  @Option(names = "--threads", defaultValue = "0", description = "event loop threads (0: one per core)")
  int threads;

  @Override public Integer call() throws Exception {
    if (watchers < 1) throw new IllegalArgumentException("--watchers must be at least 1");
    List<Target> targets = Target.parseList(endpoints);
    long totalPuts = rate > 0 ? Math.max(1, (long) (rate * durationSeconds)) : puts;
    long startIndex = prepare(targets.get(0), dir);
    WatchAccounting accounting = new WatchAccounting(watchers, startIndex);
    Recorder latencyUs = new Recorder(3);
    int loopThreads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    try (NettyTransport transport = new NettyTransport(loopThreads)) {
      String keysPath = "/v2/keys" + dir;
      long t0 = System.nanoTime();
      try (WatcherPool pool = WatcherPool.open(transport, targets, keysPath, stream, !stream,
          accounting, latencyUs)) {
        long notArmed = pool.awaitArmed(30_000 + watchers * 5L);
        System.out.printf(Locale.ROOT, "armed %d/%d watchers in %.1f s (%d connect failures)%n",
            watchers - notArmed, watchers, (System.nanoTime() - t0) / 1e9, pool.connectFailures());
        latencyUs.reset();

        PutWriter writer = new PutWriter(targets.get(0),
            Requests.keyPaths(keysPath, keySpace), valueSize, totalPuts, rate,
            closedLoop ? accounting::allPast : null);
        transport.bootstrap().handler(new ChannelInitializer<SocketChannel>() {
          @Override protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), writer);
          }
        }).connect(targets.get(0).host(), targets.get(0).port());
        long writeStart = System.nanoTime();
        PutWriter.Result written = writer.done.get(
            (long) (Math.max(durationSeconds, 1) * 10 + totalPuts / 10 + 60), TimeUnit.SECONDS);
        double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
        System.out.printf(Locale.ROOT, "wrote %d PUTs in %.2f s (%.0f/s)%n",
            written.indexes().length, writeSeconds, written.indexes().length / writeSeconds);

        long lastIndex = written.indexes().length == 0 ? startIndex
            : written.indexes()[written.indexes().length - 1];
        long drainDeadline = System.nanoTime() + LoadOptions.seconds(drainSeconds).toNanos();
        while (!accounting.allPast(lastIndex) && System.nanoTime() < drainDeadline) {
          Thread.sleep(20);
        }
        pool.close();
        WatchReport report = accounting.report(written.indexes(), totalPuts, written.errors(),
            latencyUs.getIntervalHistogram());
        System.out.print(ReportFormatter.watch(String.format(Locale.ROOT,
            "watch %s endpoints=%s watchers=%d puts=%d%s value-size=%d", stream ? "stream" : "long-poll",
            endpoints, watchers, totalPuts, rate > 0 ? " rate=" + rate + "/s" : closedLoop ? " closed-loop" : "",
            valueSize), report));
      }
    }
    return 0;
  }

  /** Makes sure the directory exists and returns the first index the watchers must see. */
  static long prepare(Target target, String dir) {
    try (EtcdClient client = EtcdClient.builder().endpoints(target.toString())
        .timeout(Duration.ofSeconds(10)).build()) {
      try {
        client.mkdir(dir, 0);
      } catch (EtcdException e) {
        if (e.errorCode() != 105) throw e; // 105: it exists already, fine
      }
      return client.get(dir).etcdIndex() + 1;
    }
  }
}
