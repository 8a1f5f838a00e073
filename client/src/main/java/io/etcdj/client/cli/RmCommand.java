package io.etcdj.client.cli;

import io.etcdj.client.EtcdClient;
import io.etcdj.client.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rm", description = "remove a key or a directory")
final class RmCommand extends CtlCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "<key>") String key;
  @Option(names = "--dir", description = "removes the key if it is an empty directory or a key-value pair") boolean dir;
  @Option(names = {"--recursive", "-r"}, description = "removes the key and all child keys(if it is a directory)") boolean recursive;
  @Option(names = "--with-value", description = "previous value") String withValue;
  @Option(names = "--with-index", description = "previous index") long withIndex;

  @Override int run(EtcdClient client) {
    String k = requireKey(key);
    boolean compare = (withValue != null && !withValue.isEmpty()) || withIndex > 0;
    Response r = compare
        ? client.compareAndDelete(k, withValue == null || withValue.isEmpty() ? null : withValue, withIndex)
        : client.delete(k, dir, recursive);
    if (!r.node().dir() || output() != OutputFormat.SIMPLE) ResponsePrinter.print(out(), r, output());
    return ExitCode.SUCCESS;
  }
}
