package io.etcdj.client.cli;

import io.etcdj.client.EtcdClient;
import io.etcdj.client.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code exec-watch <key> -- <command> [args...]}: runs the command for each change, with
 * ETCD_WATCH_ACTION, ETCD_WATCH_MODIFIED_INDEX, ETCD_WATCH_KEY and ETCD_WATCH_VALUE in its
 * environment and the CLI's stdout/stderr. Like etcdctl, it runs until interrupted and does not
 * wait for one command before watching for the next change.
 */
@Command(name = "exec-watch", description = "watch a key for changes and exec an executable")
final class ExecWatchCommand extends CtlCommand {
  @Parameters(arity = "0..*", paramLabel = "<key> <command> [args...]") List<String> args;
  @Option(names = "--after-index", description = "watch after the given index") long afterIndex;
  @Option(names = {"--recursive", "-r"}, description = "watch all values for key and child keys") boolean recursive;
  @Option(names = "--count", hidden = true, description = "stop after this many commands (0: never; for tests)")
  long count;

  @Override int run(EtcdClient client) {
    if (args == null || args.size() < 2) throw new BadArgs("key and command to exec required");
    String key = args.get(0);
    List<String> command = args.subList(1, args.size());
    long waitIndex = afterIndex > 0 ? afterIndex + 1 : 0;
    List<Process> started = new ArrayList<>();
    long ran = 0;
    while (count == 0 || ran < count) {
      Response r = EtcdjCtl.await(client.watch(key, waitIndex, recursive));
      waitIndex = r.node().modifiedIndex() + 1;
      if (r.node().dir()) {
        err().println("Ignored dir " + r.node().key() + " change");
        err().flush();
        continue;
      }
      ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
      Map<String, String> env = pb.environment();
      env.put("ETCD_WATCH_ACTION", r.action());
      env.put("ETCD_WATCH_MODIFIED_INDEX", Long.toString(r.node().modifiedIndex()));
      env.put("ETCD_WATCH_KEY", r.node().key());
      env.put("ETCD_WATCH_VALUE", r.node().value() == null ? "" : r.node().value());
      try {
        started.add(pb.start());
      } catch (IOException e) {
        err().print(e.getMessage());
        err().flush();
        return ExitCode.BAD_ARGS;
      }
      ran++;
    }
    for (Process p : started) {
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return ExitCode.SUCCESS;
  }
}
