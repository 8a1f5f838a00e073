package io.etcdj.client.cli;

import io.etcdj.client.EtcdClient;
import io.etcdj.client.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = "retrieve the value of a key")
final class GetCommand extends CtlCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "<key>") String key;
  @Option(names = "--sort", description = "returns result in sorted order") boolean sort;
  @Option(names = {"--quorum", "-q"}, description = "require quorum for get request") boolean quorum;

  @Override int run(EtcdClient client) {
    Response r = client.get(requireKey(key), false, sort, quorum);
    if (r.node().dir()) {
      err().println(r.node().key() + ": is a directory");
      err().flush();
      return ExitCode.BAD_ARGS;
    }
    ResponsePrinter.print(out(), r, output());
    return ExitCode.SUCCESS;
  }
}
