package io.etcdj.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Go's text forms that etcd's JSON shows: time.Time (RFC3339Nano) and time.Duration.String(). */
final class GoFormats {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  private GoFormats() {}

  /** RFC3339Nano in UTC: fraction with trailing zeros trimmed, none when zero. */
  static String rfc3339Nano(Instant t) {
    StringBuilder b = new StringBuilder(SECONDS.format(t));
    int nanos = t.getNano();
    if (nanos != 0) {
      String fraction = String.format("%09d", nanos);
      int end = fraction.length();
      while (fraction.charAt(end - 1) == '0') {
        end--;
      }
      b.append('.').append(fraction, 0, end);
    }
    return b.append('Z').toString();
  }

  /** The Date header format of net/http (RFC 1123, GMT, two-digit day). */
  static String httpDate(long epochMs) {
    return HTTP_DATE.format(Instant.ofEpochMilli(epochMs));
  }

  /** Go's time.Duration.String(): "1.5s", "2m3.25s", "1h0m0s", "250ms", "0s". */
  static String duration(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    if (nanos < 0) {
      b.append('-');
      nanos = -nanos;
    }
    if (nanos < 1_000_000_000L) {
      if (nanos < 1_000L) {
        return b.append(nanos).append("ns").toString();
      }
      if (nanos < 1_000_000L) {
        return b.append(fraction(nanos, 1_000L)).append("µs").toString();
      }
      return b.append(fraction(nanos, 1_000_000L)).append("ms").toString();
    }
    long hours = nanos / 3_600_000_000_000L;
    long rest = nanos % 3_600_000_000_000L;
    long minutes = rest / 60_000_000_000L;
    rest %= 60_000_000_000L;
    if (hours > 0) {
      b.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      b.append(minutes).append('m');
    }
    return b.append(fraction(rest, 1_000_000_000L)).append('s').toString();
  }

  private static String fraction(long value, long unit) {
    long whole = value / unit;
    long frac = value % unit;
    if (frac == 0) {
      return Long.toString(whole);
    }
    int digits = Long.toString(unit).length() - 1;
    String f = String.format("%0" + digits + "d", frac);
    int end = f.length();
    while (f.charAt(end - 1) == '0') {
      end--;
    }
    return whole + "." + f.substring(0, end);
  }
}
