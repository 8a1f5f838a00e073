package io.etcdj.client.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/** Parses Go's duration syntax as etcdctl's flags take it: "2s", "500ms", "1m30s", "1.5s". */
final class GoDuration implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  @Override public Duration convert(String text) {
    return parse(text);
  }

  static Duration parse(String text) {
    String s = text.trim();
    if (s.equals("0")) return Duration.ZERO;
    Matcher m = PART.matcher(s);
    double nanos = 0;
    int at = 0;
    while (m.find() && m.start() == at) {
      double n = Double.parseDouble(m.group(1));
      nanos += n * switch (m.group(2)) {
        case "ns" -> 1;
        case "us", "µs" -> 1e3;
        case "ms" -> 1e6;
        case "s" -> 1e9;
        case "m" -> 60e9;
        default -> 3600e9;
      };
      at = m.end();
    }
    if (at != s.length() || at == 0) throw new IllegalArgumentException("invalid duration " + text);
    return Duration.ofNanos((long) nanos);
  }
}
