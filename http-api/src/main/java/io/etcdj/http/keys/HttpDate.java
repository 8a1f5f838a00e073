package io.etcdj.http.keys;

import io.netty.util.AsciiString;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The Date header Go's server adds to every response ("Mon, 02 Jan 2006 15:04:05 GMT"),
 * formatted at most once per second. Read from every event loop; the cached pair is immutable
 * and published through a volatile field, so a race only formats the same second twice.
 */
final class HttpDate {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  private record Cached(long second, AsciiString text) {}

  private static volatile Cached cached = new Cached(Long.MIN_VALUE, AsciiString.EMPTY_STRING);

  private HttpDate() {}

  static AsciiString now() {
    long second = System.currentTimeMillis() / 1000;
    Cached c = cached;
    if (c.second != second) {
      c = new Cached(second, AsciiString.cached(FORMAT.format(Instant.ofEpochSecond(second))));
      cached = c;
    }
    return c.text;
  }
}
