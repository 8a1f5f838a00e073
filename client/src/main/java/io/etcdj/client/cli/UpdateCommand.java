package io.etcdj.client.cli;

import io.etcdj.client.EtcdClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "update", description = "update an existing key with a given value")
final class UpdateCommand extends CtlCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "<key>") String key;
  @Parameters(index = "1", arity = "0..1", paramLabel = "<value>") String value;
  @Option(names = "--ttl", description = "key time-to-live in seconds") long ttl;

  @Override int run(EtcdClient client) {
    String k = requireKey(key);
    ResponsePrinter.print(out(), client.update(k, valueOrStdin(value), ttl), output());
    return ExitCode.SUCCESS;
  }
}
