package io.etcdj.client.cli;

import io.etcdj.client.EtcdClient;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * etcdjctl: etcdctl v2's commands, output formats and exit codes, over {@link EtcdClient}.
 * Global flags go before the command, as with etcdctl.
 */
@Command(name = "etcdjctl", mixinStandardHelpOptions = true, version = "etcdjctl 0.1.0",
    description = "A simple command line client for etcd (v2 API).",
    subcommands = {GetCommand.class, SetCommand.class, MkCommand.class, MkdirCommand.class,
        RmCommand.class, RmdirCommand.class, UpdateCommand.class, UpdateDirCommand.class,
        SetDirCommand.class, LsCommand.class, WatchCommand.class, ExecWatchCommand.class,
        MemberCommand.class,
        ClusterHealthCommand.class})
public final class EtcdjCtl {
  @Option(names = "--endpoints", defaultValue = "${env:ETCDCTL_ENDPOINTS:-http://127.0.0.1:2379}",
      description = "a comma-delimited list of machine addresses in the cluster (default: ${DEFAULT-VALUE})")
  String endpoints;

  @Option(names = {"--endpoint", "--peers", "-C"}, hidden = true,
      description = "DEPRECATED - use --endpoints")
  String legacyEndpoints;

  @Option(names = {"--output", "-o"}, defaultValue = "simple",
      description = "output response in the given format (`simple`, `extended` or `json`)")
  OutputFormat output;

  @Option(names = "--timeout", defaultValue = "2s", converter = GoDuration.class,
      description = "connection timeout per request")
  Duration timeout;

  @Option(names = "--total-timeout", defaultValue = "5s", converter = GoDuration.class,
      description = "timeout for the command execution (except watch)")
  Duration totalTimeout;

  @Option(names = "--no-sync", description = "don't synchronize cluster information before sending request (accepted; etcdjctl never syncs)")
  boolean noSync;

  @Option(names = "--debug", hidden = true) boolean debug;

  private final InputStream stdin;

  public EtcdjCtl() { this(System.in); }

  EtcdjCtl(InputStream stdin) { this.stdin = stdin; }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.in));
  }

  /** Runs one invocation and returns its exit code (etcdctl's codes), printing to {@code out}/{@code err}. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, InputStream stdin) {
    CommandLine cl = new CommandLine(new EtcdjCtl(stdin))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOverwrittenOptionsAllowed(true)
        .setOut(out)
        .setErr(err);
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  OutputFormat output() { return output; }

  InputStream stdin() { return stdin; }

  EtcdClient newClient() {
    String urls = legacyEndpoints != null && !legacyEndpoints.isBlank() ? legacyEndpoints : endpoints;
    // the per-request timeout is etcdctl's total timeout; connecting gets the (shorter) --timeout
    Duration perRequest = totalTimeout.compareTo(timeout) > 0 ? totalTimeout : timeout;
    return EtcdClient.builder().endpoints(urls).timeout(perRequest).build();
  }

  /** Waits for a watch without a time limit, rethrowing its failure as the client would. */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CtlCommand.BadArgs("interrupted");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) throw re;
      throw new IllegalStateException(c);
    }
  }
}
