package io.etcdj.http.compat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A response as it came off the wire: status line, headers in order, body (may be empty). */
record WireResponse(int status, String reason, List<Map.Entry<String, String>> headers, byte[] body) {

  /** The first value of a header, by case-insensitive name. */
  Optional<String> header(String name) {
    return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
        .findFirst();
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  boolean isChunked() {
    return header("Transfer-Encoding").map(v -> v.toLowerCase().contains("chunked")).orElse(false);
  }
}
