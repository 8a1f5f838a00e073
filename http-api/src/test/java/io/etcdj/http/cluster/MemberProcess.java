package io.etcdj.http.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code bin/etcdj} process: a member with its own ports and data dir, started (and
 * restarted) with the same flags every time. Its stdout and stderr are appended to one log file
 * that outlives the test ({@code target/cluster-it/...}), each start marked with its command.
 * {@code bin/etcdj} exec's java, so the process here is the member's JVM itself: a SIGKILL
 * reaches the member, not a wrapper shell.
 */
final class MemberProcess {
  /** What the JVM reports as the exit status of a process ended by SIGKILL (128 + 9). */
  static final int KILLED_BY_SIGKILL = 137;

  private final String name;
  private final URI clientUrl;
  private final URI advertisedPeerUrl;
  private final Path dataDir;
  private final Path log;
  private final List<String> args;
  private Process process;

  MemberProcess(String name, URI clientUrl, URI advertisedPeerUrl, Path dataDir, Path log, List<String> args) {
    this.name = name;
    this.clientUrl = clientUrl;
    this.advertisedPeerUrl = advertisedPeerUrl;
    this.dataDir = dataDir;
    this.log = log;
    this.args = List.copyOf(args);
  }

  static Path script() {
    return Path.of("..", "bin", "etcdj").toAbsolutePath().normalize();
  }

  private static boolean scriptPrepared;

  /**
   * Runs {@code bin/etcdj --version} once per test JVM before any member starts: for a jar newer
   * than its class-data archive bin/etcdj first makes a new one (a training run of a few seconds),
   * and N members started at once would each make their own.
   */
  static synchronized void prepareScript() {
    if (scriptPrepared) {
      return;
    }
    try {
      Process version = new ProcessBuilder(script().toString(), "--version").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!version.waitFor(180, TimeUnit.SECONDS)) {
        version.destroyForcibly();
        throw new AssertionError("bin/etcdj --version did not finish in 180 s");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + script(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while preparing bin/etcdj", e);
    }
    scriptPrepared = true;
  }

  String name() { return name; }
  URI clientUrl() { return clientUrl; }
  URI advertisedPeerUrl() { return advertisedPeerUrl; }
  Path dataDir() { return dataDir; }
  Path log() { return log; }

  /** Starts the member (again, after a kill: same flags, same data dir). */
  synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is running");
    }
    List<String> command = new ArrayList<>();
    command.add(script().toString());
    command.addAll(args);
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(log, "=== " + Instant.now() + " $ " + String.join(" ", command) + "\n",
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  synchronized boolean isAlive() { return process != null && process.isAlive(); }

  /**
   * SIGKILL ({@link Process#destroyForcibly()} sends SIGKILL on Linux) and waits until the
   * process is gone; returns its exit status ({@link #KILLED_BY_SIGKILL} unless it had already
   * exited by itself).
   */
  synchronized int kill() {
    process.destroyForcibly();
    return waitForExit(30);
  }

  /** SIGTERM ({@link Process#destroy()}): the member stops gracefully. Returns its exit status. */
  synchronized int terminate() {
    process.destroy();
    return waitForExit(60);
  }

  /** The exit status once the process has ended by itself (it is not signalled). */
  int awaitExit(long seconds) {
    Process p;
    synchronized (this) {
      p = process;
    }
    try {
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        throw new AssertionError(name + " still runs after " + seconds + " s; see " + log);
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private int waitForExit(long seconds) {
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Ends the process whatever it is doing (test clean-up). */
  synchronized void destroy() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override public String toString() { return name + " (" + clientUrl + ", log " + log + ")"; }
}
