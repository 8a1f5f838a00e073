package io.etcdj.bench;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bench put}: closed-loop PUTs of random keys in the key space. */
@Command(name = "put", description = "closed-loop PUT load", mixinStandardHelpOptions = true)
final class PutCommand implements Callable<Integer> {
  @Mixin LoadOptions options;

  @Override public Integer call() throws Exception {
    options.validate();
    String[] paths = Requests.keyPaths("/v2/keys" + options.prefix, options.keySpace);
    ByteBuf body = Requests.valueBody(options.valueSize);
    try (NettyTransport transport = new NettyTransport(options.eventLoopThreads())) {
      LoadResult r = new ClosedLoopRunner(transport).run(options.targets(), options.conns,
          t -> Requests.encodedPut(t, paths[ThreadLocalRandom.current().nextInt(paths.length)], body),
          options.warmup(), options.duration());
      System.out.print(ReportFormatter.load("put " + options.describe(), r));
    }
    return 0;
  }
}
