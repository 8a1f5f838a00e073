package io.etcdj.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's resident set size from /proc/PID/status (Linux). */
final class Rss {
  private Rss() {}

  static long bytes(long pid) throws IOException {
    return parse(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
  }

  /** The VmRSS line ({@code VmRSS:   123456 kB}) in bytes. */
  static long parse(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring(6).trim().split("\\s+");
        long kb = Long.parseLong(parts[0]);
        return kb * 1024;
      }
    }
    throw new IllegalArgumentException("no VmRSS line");
  }
}
