package io.etcdj.kvstore;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Go's time.RFC3339Nano for a UTC instant in epoch ms: fraction's trailing zeros trimmed, "Z" zone. */
final class Rfc3339 {
  private Rfc3339() {}

  static String formatUtcMs(long epochMs) {
    long seconds = Math.floorDiv(epochMs, 1000);
    int millis = (int) Math.floorMod(epochMs, 1000);
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(24);
    pad(sb, t.getYear(), 4).append('-');
    pad(sb, t.getMonthValue(), 2).append('-');
    pad(sb, t.getDayOfMonth(), 2).append('T');
    pad(sb, t.getHour(), 2).append(':');
    pad(sb, t.getMinute(), 2).append(':');
    pad(sb, t.getSecond(), 2);
    if (millis != 0) {
      sb.append('.').append((char) ('0' + millis / 100));
      if (millis % 100 != 0) {
        sb.append((char) ('0' + millis / 10 % 10));
        if (millis % 10 != 0) {
          sb.append((char) ('0' + millis % 10));
        }
      }
    }
    return sb.append('Z').toString();
  }

  private static StringBuilder pad(StringBuilder sb, int v, int width) {
    String s = Integer.toString(v);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s);
  }
}
