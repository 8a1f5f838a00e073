package io.etcdj.bench;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Formats results as the one plain block each bench command prints. Pure functions. */
final class ReportFormatter {
  private ReportFormatter() {}

  static String load(String title, LoadResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append("== ").append(title).append('\n');
    line(sb, "ops", Long.toString(r.ops()));
    line(sb, "errors", errors(r.errorsByStatus()));
    line(sb, "elapsed s", String.format(Locale.ROOT, "%.2f", r.elapsedNanos() / 1e9));
    line(sb, "throughput/s", String.format(Locale.ROOT, "%.1f", r.throughputPerSecond()));
    line(sb, "latency ms", latency(r.latencyUs()));
    return sb.toString();
  }

  static String watch(String title, WatchReport w) {
    StringBuilder sb = new StringBuilder();
    sb.append("== ").append(title).append('\n');
    line(sb, "watchers", Integer.toString(w.watchers()));
    line(sb, "puts", Long.toString(w.puts()));
    line(sb, "put errors", Long.toString(w.putErrors()));
    line(sb, "events expected", Long.toString(w.expected()));
    line(sb, "events received", Long.toString(w.received()));
    line(sb, "events missed", Long.toString(w.missed()));
    line(sb, "401s", Long.toString(w.cleared()));
    line(sb, "watch errors", Long.toString(w.otherErrors()));
    line(sb, "notify latency ms", latency(w.latencyUs()));
    return sb.toString();
  }

  /** {@code 0}, or {@code 12 (409: 10, conn: 2)}. */
  static String errors(Map<Integer, Long> byStatus) {
    long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) return "0";
    StringJoiner parts = new StringJoiner(", ", " (", ")");
    new TreeMap<>(byStatus).forEach((status, n) ->
        parts.add((status == LoadRun.TRANSPORT_ERROR ? "conn" : status.toString()) + ": " + n));
    return total + parts.toString();
  }

  /** {@code p50 1.234  p99 5.678  p99.9 9.876  max 12.345} from a histogram in microseconds. */
  static String latency(Histogram us) {
    if (us.getTotalCount() == 0) return "n/a (no samples)";
    return String.format(Locale.ROOT, "p50 %.3f  p99 %.3f  p99.9 %.3f  max %.3f",
        us.getValueAtPercentile(50) / 1e3, us.getValueAtPercentile(99) / 1e3,
        us.getValueAtPercentile(99.9) / 1e3, us.getMaxValue() / 1e3);
  }

  private static void line(StringBuilder sb, String name, String value) {
    sb.append(String.format(Locale.ROOT, "%-18s %s%n", name, value));
  }
}
