package io.etcdj.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The load generator: {@code bench put|get|watch|mem}, against any v2 endpoint (etcd or etcdj). */
@Command(name = "etcdj-bench", mixinStandardHelpOptions = true, version = "etcdj-bench 0.1.0",
    description = "Load generator for etcd's v2 API (etcd or etcdj).",
    subcommands = {PutCommand.class, GetCommand.class, WatchCommand.class, MemCommand.class, SoakCommand.class})
public final class Bench implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Netty's leak detector takes a stack trace for a sample of buffers: load-tool CPU the
    // server under test would otherwise lose on a shared machine.
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      System.setProperty("io.netty.leakDetection.level", "disabled");
    }
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Bench());
  }

  @Override public void run() {
    spec.commandLine().usage(System.out);
  }
}
