package io.etcdj.bench;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench get}: fills the key space, then closed-loop GETs of random keys. */
@Command(name = "get", description = "closed-loop GET load (plain or quorum)", mixinStandardHelpOptions = true)
final class GetCommand implements Callable<Integer> {
  @Mixin LoadOptions options;

  @Option(names = "--quorum", description = "quorum=true GETs (linearizable reads)")
  boolean quorum;

  @Option(names = "--prefill", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "write every key of the key space first (default: on)")
  boolean prefill;

  @Override public Integer call() throws Exception {
    options.validate();
    String[] putPaths = Requests.keyPaths("/v2/keys" + options.prefix, options.keySpace);
    String[] getPaths = putPaths.clone();
    if (quorum) {
      for (int i = 0; i < getPaths.length; i++) getPaths[i] += "?quorum=true";
    }
    try (NettyTransport transport = new NettyTransport(options.eventLoopThreads())) {
      ClosedLoopRunner runner = new ClosedLoopRunner(transport);
      if (prefill) {
        ByteBuf body = Requests.valueBody(options.valueSize);
        AtomicInteger next = new AtomicInteger();
        LoadResult filled = runner.run(options.targets(), Math.min(options.conns, 64), t -> {
          int i = next.getAndIncrement();
          return i < putPaths.length ? Requests.encodedPut(t, putPaths[i], body) : null;
        }, null, null);
        System.out.printf("prefilled %d keys (%s errors) in %.1f s%n", filled.ops(),
            ReportFormatter.errors(filled.errorsByStatus()), filled.elapsedNanos() / 1e9);
      }
      LoadResult r = runner.run(options.targets(), options.conns,
          t -> Requests.encodedGet(t, getPaths[ThreadLocalRandom.current().nextInt(getPaths.length)]),
          options.warmup(), options.duration());
      System.out.print(ReportFormatter.load((quorum ? "get --quorum " : "get ") + options.describe(), r));
    }
    return 0;
  }
}
