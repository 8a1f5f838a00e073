package io.etcdj.client.cli;

import io.etcdj.client.ClusterUnavailableException;
import io.etcdj.client.EtcdClient;
import io.etcdj.client.EtcdException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every etcdctl command shares: the client built from the global flags, the output
 * streams, and etcdctl's error handling (message format and exit code). Runs on the main thread.
 */
abstract class CtlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Thrown for a bad invocation; printed as {@code Error:  <message>}, exit 1. */
  static final class BadArgs extends RuntimeException {
    BadArgs(String message) { super(message); }
  }

  abstract int run(EtcdClient client);

  @Override public final Integer call() {
    EtcdjCtl root = root();
    try (EtcdClient client = root.newClient()) {
      return run(client);
    } catch (BadArgs e) {
      return fail(ExitCode.BAD_ARGS, e);
    } catch (EtcdException e) {
      return fail(ExitCode.SERVER_ERROR, e);
    } catch (ClusterUnavailableException e) {
      return fail(ExitCode.BAD_CONNECTION, e);
    }
  }

  /**
   * etcdctl's handleError: "Error:  ..." then, for an unreachable cluster, one line per endpoint.
   * (etcdctl means to print server errors as JSON under {@code -o json}, but its type check never
   * matches, so it prints this line there too; so do we.)
   */
  int fail(int code, RuntimeException e) {
    PrintWriter err = err();
    err.println("Error:  " + e.getMessage());
    if (e instanceof ClusterUnavailableException cu) {
      err.println(); // Go's ClusterError message ends with a newline of its own
      err.println(cu.detail());
    }
    err.flush();
    return code;
  }

  EtcdjCtl root() { return (EtcdjCtl) spec.root().userObject(); }

  OutputFormat output() { return root().output(); }

  PrintWriter out() { return spec.commandLine().getOut(); }

  PrintWriter err() { return spec.commandLine().getErr(); }

  static String requireKey(String key) {
    if (key == null) throw new BadArgs("key required");
    return key;
  }

  /** The value argument, or all of standard input when it is absent (etcdctl's argOrStdin). */
  String valueOrStdin(String value) {
    if (value != null) return value;
    try {
      InputStream in = root().stdin();
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      in.transferTo(buf);
      if (buf.size() == 0) throw new BadArgs("value required");
      return buf.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadArgs("value required");
    }
  }
}
