package io.etcdj.client.cli;

import io.etcdj.client.EtcdClient;
import io.etcdj.client.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "mk", description = "make a new key with a given value")
final class MkCommand extends CtlCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "<key>") String key;
  @Parameters(index = "1", arity = "0..1", paramLabel = "<value>") String value;
  @Option(names = "--in-order", description = "create in-order key under directory <key>") boolean inOrder;
  @Option(names = "--ttl", description = "key time-to-live in seconds") long ttl;

  @Override int run(EtcdClient client) {
    String k = requireKey(key);
    String v = valueOrStdin(value);
    Response r = inOrder ? client.createInOrder(k, v, ttl) : client.create(k, v, ttl);
    ResponsePrinter.print(out(), r, output());
    return ExitCode.SUCCESS;
  }
}
