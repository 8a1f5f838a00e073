package io.etcdj.client.cli;

import io.etcdj.client.EtcdClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "set", description = "set the value of a key")
final class SetCommand extends CtlCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "<key>") String key;
  @Parameters(index = "1", arity = "0..1", paramLabel = "<value>") String value;
  @Option(names = "--ttl", description = "key time-to-live in seconds") long ttl;
  @Option(names = "--swap-with-value", description = "previous value") String swapWithValue;
  @Option(names = "--swap-with-index", description = "previous index") long swapWithIndex;

  @Override int run(EtcdClient client) {
    String k = requireKey(key);
    String v = valueOrStdin(value);
    String prevValue = swapWithValue == null || swapWithValue.isEmpty() ? null : swapWithValue;
    ResponsePrinter.print(out(), client.compareAndSwap(k, v, ttl, prevValue, swapWithIndex), output());
    return ExitCode.SUCCESS;
  }
}
