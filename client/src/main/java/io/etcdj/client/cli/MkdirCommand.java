package io.etcdj.client.cli;

import io.etcdj.client.EtcdClient;
import io.etcdj.client.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "mkdir", description = "make a new directory")
final class MkdirCommand extends CtlCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "<key>") String key;
  @Option(names = "--ttl", description = "key time-to-live in seconds") long ttl;

  @Override int run(EtcdClient client) {
    Response r = client.mkdir(requireKey(key), ttl);
    // etcdctl prints nothing for directories in simple mode
    if (output() != OutputFormat.SIMPLE) ResponsePrinter.print(out(), r, output());
    return ExitCode.SUCCESS;
  }
}
