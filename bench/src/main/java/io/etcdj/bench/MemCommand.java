package io.etcdj.bench;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench mem}: the server's RSS cost of idle watchers and of stored keys, from
 * /proc/PID/status before and after each step (the server must run on this machine).
 */
@Command(name = "mem", description = "server memory per watcher and per key (VmRSS)",
    mixinStandardHelpOptions = true)
final class MemCommand implements Callable<Integer> {
  @Option(names = "--server-pid", required = true, description = "pid of the etcd / etcdj process")
  long pid;

  @Option(names = "--endpoints", defaultValue = "http://127.0.0.1:2379", description = "the server's client URL")
  String endpoints;

  @Option(names = "--watchers", defaultValue = "1000", description = "idle watchers to arm")
  int watchers;

  @Option(names = "--keys", defaultValue = "10000", description = "keys to write")
  int keys;

  @Option(names = "--value-size", defaultValue = "256", description = "bytes per value")
  int valueSize;

  @Option(names = "--conns", defaultValue = "32", description = "connections used to write the keys")
  int conns;

  @Option(names = "--settle", defaultValue = "3", description = "seconds to let the server settle before each reading")
  double settleSeconds;

  @Option(names = "--prefix", defaultValue = "/bench-mem", description = "directory for the watchers and keys")
  String prefix;

  @Override public Integer call() throws Exception {
    List<Target> targets = Target.parseList(endpoints);
    long settleMs = (long) (settleSeconds * 1000);
    try (NettyTransport transport = new NettyTransport(Runtime.getRuntime().availableProcessors())) {
      long rss0 = Rss.bytes(pid);
      // idle long-polls on a key nobody writes; no waitIndex, so they just wait
      WatchAccounting idle = new WatchAccounting(watchers, 0);
      try (WatcherPool pool = WatcherPool.open(transport, targets, "/v2/keys" + prefix + "/idle",
          false, false, idle, new Recorder(2))) {
        long notArmed = pool.awaitArmed(30_000 + watchers * 5L);
        Thread.sleep(settleMs);
        long rss1 = Rss.bytes(pid);

        String[] paths = Requests.keyPaths("/v2/keys" + prefix + "/keys", keys);
        ByteBuf body = Requests.valueBody(valueSize);
        AtomicInteger next = new AtomicInteger();
        LoadResult written = new ClosedLoopRunner(transport).run(targets, conns, t -> {
          int i = next.getAndIncrement();
          return i < paths.length ? Requests.encodedPut(t, paths[i], body) : null;
        }, null, null);
        Thread.sleep(settleMs);
        long rss2 = Rss.bytes(pid);

        StringBuilder sb = new StringBuilder("== mem pid=" + pid + " endpoints=" + endpoints + "\n");
        sb.append(String.format(Locale.ROOT, "%-22s %d (%d not confirmed armed)%n", "watchers", watchers, notArmed));
        sb.append(String.format(Locale.ROOT, "%-22s %d of %d bytes (%s errors)%n", "keys written",
            written.ops(), valueSize, ReportFormatter.errors(written.errorsByStatus())));
        sb.append(String.format(Locale.ROOT, "%-22s %.1f MiB%n", "rss before", rss0 / 1048576.0));
        sb.append(String.format(Locale.ROOT, "%-22s %.1f MiB%n", "rss with watchers", rss1 / 1048576.0));
        sb.append(String.format(Locale.ROOT, "%-22s %.1f MiB%n", "rss with keys", rss2 / 1048576.0));
        sb.append(String.format(Locale.ROOT, "%-22s %.0f%n", "bytes per watcher", (rss1 - rss0) / (double) watchers));
        sb.append(String.format(Locale.ROOT, "%-22s %.0f%n", "bytes per key", (rss2 - rss1) / (double) Math.max(1, keys)));
        if (rss1 < rss0 || rss2 < rss1) {
          sb.append("note: RSS shrank during the run (the server returned memory): measure a freshly started server\n");
        }
        System.out.print(sb);
      }
    }
    return 0;
  }
}
