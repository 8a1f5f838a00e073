package io.etcdj.client.cli;

import io.etcdj.client.EtcdClient;
import io.etcdj.client.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Long-poll watch, re-armed at modifiedIndex + 1 after each event, as the Go client's watcher does. */
@Command(name = "watch", description = "watch a key for changes")
final class WatchCommand extends CtlCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "<key>") String key;
  @Option(names = {"--forever", "-f"}, description = "forever watch a key until CTRL+C") boolean forever;
  @Option(names = "--after-index", description = "watch after the given index") long afterIndex;
  @Option(names = {"--recursive", "-r"}, description = "returns all values for key and child keys") boolean recursive;

  @Override int run(EtcdClient client) {
    String k = requireKey(key);
    long waitIndex = afterIndex > 0 ? afterIndex + 1 : 0;
    while (true) {
      Response r = EtcdjCtl.await(client.watch(k, waitIndex, recursive));
      waitIndex = r.node().modifiedIndex() + 1;
      if (r.node().dir()) continue;
      if (recursive) out().println("[" + r.action() + "] " + r.node().key());
      ResponsePrinter.print(out(), r, output());
      if (!forever) return ExitCode.SUCCESS;
    }
  }
}
