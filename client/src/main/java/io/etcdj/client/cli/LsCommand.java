package io.etcdj.client.cli;

import io.etcdj.client.EtcdClient;
import io.etcdj.client.Node;
import io.etcdj.client.Response;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ls", description = "retrieve a directory")
final class LsCommand extends CtlCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "[key]") String key;
  @Option(names = "--sort", description = "returns result in sorted order") boolean sort;
  @Option(names = {"--recursive", "-r"}, description = "returns all key names recursively for the given path") boolean recursive;
  @Option(names = "-p", description = "append slash (/) to directories") boolean slash;
  @Option(names = {"--quorum", "-q"}, description = "require quorum for get request") boolean quorum;

  @Override int run(EtcdClient client) {
    Response r = client.get(key == null ? "/" : key, recursive, sort, quorum);
    if (output() != OutputFormat.SIMPLE) {
      ResponsePrinter.print(out(), r, output());
      return ExitCode.SUCCESS;
    }
    PrintWriter out = out();
    if (!r.node().dir()) out.println(r.node().key());
    for (Node child : r.node().nodes()) print(out, child);
    out.flush();
    return ExitCode.SUCCESS;
  }

  private void print(PrintWriter out, Node n) {
    out.println(n.dir() && slash ? n.key() + "/" : n.key());
    for (Node child : n.nodes()) print(out, child);
  }
}
