package io.etcdj.bench;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench soak}: many long-poll watchers on one directory, a paced writer under it, and
 * watchers dropped at random and reconnected (each re-arms at the index it had reached, so the
 * events in between must come from the server's history). Samples the server's resident memory
 * as it goes. Exits 1 if any watcher missed an event or was told its index was cleared.
 * Not a test: it runs for minutes (the default is etcd's "10,000 watchers for 10 minutes").
 */
@Command(name = "soak", description = "watchers, sustained writes and random disconnects: flat memory, no missed event",
    mixinStandardHelpOptions = true)
final class SoakCommand implements Callable<Integer> {
  @Option(names = "--endpoints", defaultValue = "http://127.0.0.1:2379", description = "comma-separated v2 endpoints")
  String endpoints;

  @Option(names = "--server-pid", defaultValue = "0", description = "pid of the server, to sample its VmRSS (0: no sampling)")
  long pid;

  @Option(names = "--watchers", defaultValue = "10000", description = "long-poll watchers, one connection each")
  int watchers;

  @Option(names = "--rate", defaultValue = "2", description = "PUTs per second (each is delivered to every watcher: 2/s to 10,000 is 20,000 deliveries a second)")
  double rate;

  @Option(names = "--duration", defaultValue = "600", description = "seconds of writing")
  double durationSeconds;

  @Option(names = "--disconnects", defaultValue = "20", description = "watchers dropped and reconnected per second")
  double disconnectsPerSecond;

  @Option(names = "--sample", defaultValue = "10", description = "seconds between progress lines")
  double sampleSeconds;

  @Option(names = "--value-size", defaultValue = "64", description = "bytes per value")
  int valueSize;

  @Option(names = "--key-space", defaultValue = "100", description = "distinct keys the writer cycles through")
  int keySpace;

  @Option(names = "--dir", defaultValue = "/bench-soak", description = "directory watched (recursively)")
  String dir;

  @Option(names = "--drain", defaultValue = "30", description = "seconds to wait for late events after the last PUT")
  double drainSeconds;

  @Option(names = "--seed", defaultValue = "1", description = "seed of the disconnect choice")
  long seed;

  @Override public Integer call() throws Exception {
    List<Target> targets = Target.parseList(endpoints);
    long startIndex = WatchCommand.prepare(targets.get(0), dir);
    WatchAccounting accounting = new WatchAccounting(watchers, startIndex);
    Recorder latencyUs = new Recorder(3);
    long totalPuts = Math.max(1, (long) (rate * durationSeconds));
    List<Long> rssSamples = new ArrayList<>();
    try (NettyTransport transport = new NettyTransport(Runtime.getRuntime().availableProcessors())) {
      String keysPath = "/v2/keys" + dir;
      try (WatcherPool pool = WatcherPool.open(transport, targets, keysPath, false, true, accounting, latencyUs)) {
        long notArmed = pool.awaitArmed(30_000 + watchers * 5L);
        System.out.printf(Locale.ROOT, "armed %d/%d watchers (%d connect failures)%n",
            watchers - notArmed, watchers, pool.connectFailures());
        PutWriter writer = new PutWriter(targets.get(0), Requests.keyPaths(keysPath, keySpace), valueSize,
            totalPuts, rate);
        transport.bootstrap().handler(new ChannelInitializer<SocketChannel>() {
          @Override protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), writer);
          }
        }).connect(targets.get(0).host(), targets.get(0).port());

        long start = System.nanoTime();
        long reconnects = 0;
        long nextSample = start + seconds(sampleSeconds);
        long gapNanos = disconnectsPerSecond > 0 ? (long) (1e9 / disconnectsPerSecond) : Long.MAX_VALUE;
        long nextDisconnect = start + Math.min(gapNanos, seconds(durationSeconds) + 1);
        SplittableRandom random = new SplittableRandom(seed);
        while (!writer.done.isDone()) {
          long now = System.nanoTime();
          if (now >= nextDisconnect && disconnectsPerSecond > 0) {
            pool.reconnect(random.nextInt(watchers));
            reconnects++;
            nextDisconnect += gapNanos;
          }
          if (now >= nextSample) {
            long rss = pid > 0 ? Rss.bytes(pid) : 0;
            rssSamples.add(rss);
            System.out.printf(Locale.ROOT, "%6.0f s  rss %7.1f MiB  slowest watcher at index %d  reconnects %d%n",
                (now - start) / 1e9, rss / 1048576.0, slowest(accounting) - 1, reconnects);
            nextSample += seconds(sampleSeconds);
          }
          long sleepNanos = Math.min(nextSample, disconnectsPerSecond > 0 ? nextDisconnect : nextSample) - System.nanoTime();
          if (sleepNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(sleepNanos, TimeUnit.MILLISECONDS.toNanos(50)));
          }
        }
        PutWriter.Result written = writer.done.get();
        long lastIndex = written.indexes().length == 0 ? startIndex : written.indexes()[written.indexes().length - 1];
        long drainDeadline = System.nanoTime() + seconds(drainSeconds);
        while (!accounting.allPast(lastIndex) && System.nanoTime() < drainDeadline) {
          TimeUnit.MILLISECONDS.sleep(20);
        }
        pool.close();
        WatchReport report = accounting.report(written.indexes(), totalPuts, written.errors(),
            latencyUs.getIntervalHistogram());
        System.out.print(ReportFormatter.watch(String.format(Locale.ROOT,
            "soak endpoints=%s watchers=%d rate=%s/s duration=%ss disconnects=%s/s reconnects=%d",
            endpoints, watchers, rate, durationSeconds, disconnectsPerSecond, reconnects), report));
        if (pid > 0 && !rssSamples.isEmpty()) {
          System.out.println(rssSummary(rssSamples));
        }
        return report.missed() == 0 && report.cleared() == 0 ? 0 : 1;
      }
    }
  }

  /**
   * Flatness: the first sample after a tenth of the run (the watchers and the history have filled
   * by then) against the last and the highest.
   */
  static String rssSummary(List<Long> samples) {
    int from = Math.min(samples.size() - 1, samples.size() / 10);
    long first = samples.get(from);
    long last = samples.get(samples.size() - 1);
    long max = samples.subList(from, samples.size()).stream().mapToLong(Long::longValue).max().orElse(last);
    return String.format(Locale.ROOT, "rss after warm-up %.1f MiB, at the end %.1f MiB (%+.1f), highest %.1f MiB",
        first / 1048576.0, last / 1048576.0, (last - first) / 1048576.0, max / 1048576.0);
  }

  private long slowest(WatchAccounting accounting) {
    long min = Long.MAX_VALUE;
    for (int w = 0; w < accounting.watchers(); w++) {
      min = Math.min(min, accounting.nextIndex(w));
    }
    return min;
  }

  private static long seconds(double s) { return (long) (s * 1e9); }
}
