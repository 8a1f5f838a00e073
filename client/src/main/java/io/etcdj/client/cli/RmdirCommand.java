package io.etcdj.client.cli;

import io.etcdj.client.EtcdClient;
import io.etcdj.client.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rmdir", description = "removes the key if it is an empty directory or a key-value pair")
final class RmdirCommand extends CtlCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "<key>") String key;

  @Override int run(EtcdClient client) {
    Response r = client.delete(requireKey(key), true, false);
    if (!r.node().dir() || output() != OutputFormat.SIMPLE) ResponsePrinter.print(out(), r, output());
    return ExitCode.SUCCESS;
  }
}
