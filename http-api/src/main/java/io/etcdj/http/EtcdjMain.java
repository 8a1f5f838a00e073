package io.etcdj.http;

import io.etcdj.http.tls.TlsMaterialException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The member's entry point: etcd's flags and ETCD_* variables, then a member until SIGTERM/SIGINT. */
public final class EtcdjMain {
  private EtcdjMain() {}

  public static void main(String[] args) {
    Outcome outcome = configure(args, System.getenv(), System.out, System.err);
    if (outcome.config() == null) {
      System.exit(outcome.exitCode());
    }
    Logger log = LoggerFactory.getLogger(EtcdjMain.class); // logging first: warm-up threads log too
    StartupWarmup.begin();
    outcome.config().notes().forEach(note -> log.debug(note));
    EtcdjServer server;
    try {
      server = EtcdjServer.start(outcome.config());
    } catch (TlsMaterialException e) {
      log.error("{}", e.getMessage()); // etcd's one line: "open key.pem: no such file or directory"
      System.exit(1);
      return;
    } catch (RuntimeException e) {
      log.error("failed to start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "etcdj-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What the command line asks for: a configuration to run, or an exit code (help, version, error). */
  record Outcome(ServerConfig config, int exitCode) {}

  /**
   * Parses the command line as etcd does; prints help, version or the error. The testable part of
   * {@link #main}: never exits the JVM.
   */
  static Outcome configure(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    try {
      ParsedFlags flags = FlagParser.parse(args, env);
      if (flags.helpRequested()) {
        out.print(FlagParser.usage());
        return new Outcome(null, 0);
      }
      if (flags.versionRequested()) {
        out.print(FlagParser.VERSION_TEXT);
        return new Outcome(null, 0);
      }
      return new Outcome(ServerConfig.of(flags), 0);
    } catch (FlagException e) {
      err.println(e.getMessage());
      if (e.exitCode() == 2) {
        err.println("Usage: etcdj [flags]   (see 'etcdj --help')");
      }
      return new Outcome(null, e.exitCode());
    }
  }
}
