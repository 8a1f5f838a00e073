package io.etcdj.client.cli;

import io.etcdj.client.EtcdClient;
import io.etcdj.client.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "updatedir", description = "update an existing directory")
final class UpdateDirCommand extends CtlCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "<key>") String key;
  @Option(names = "--ttl", description = "key time-to-live in seconds") long ttl;

  @Override int run(EtcdClient client) {
    Response r = client.updateDir(requireKey(key), ttl);
    if (output() != OutputFormat.SIMPLE) ResponsePrinter.print(out(), r, output());
    return ExitCode.SUCCESS;
  }
}
