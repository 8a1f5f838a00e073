package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Host header as Go's server checks it for etcd: the answers etcd 3.4.23 gave to the same bytes. */
class HostHeaderTest {
  private static final String MISSING = "HTTP/1.1 400 Bad Request: missing required Host header\r\n"
      + "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request: missing required Host header";
  private static final String MALFORMED = "HTTP/1.1 400 Bad Request: malformed Host header\r\n"
      + "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request: malformed Host header";
  private static final String BARE = "HTTP/1.1 400 Bad Request\r\n"
      + "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request";

  @TempDir static Path dir;
  static EtcdjServer server;
  static URI base;

  @BeforeAll static void start() {
    server = SingleMember.start(dir);
    base = server.clientUrls().get(0);
  }

  @AfterAll static void stop() { server.close(); }

  @Test void anHttp11RequestWithoutHostIsRefusedAndNotApplied() throws IOException {
    assertThat(exchange("PUT /v2/keys/nohost HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: 7\r\n\r\nvalue=1")).isEqualTo(MISSING);
    assertThat(exchange("GET /v2/keys/nohost HTTP/1.1\r\n\r\n")).isEqualTo(MISSING);
    assertThat(exchange("GET /v2/keys/nohost HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 404 Not Found\r\n").contains("\"errorCode\":100");
  }

  @Test void anHttp10RequestNeedsNoHost() throws IOException {
    assertThat(exchange("GET /v2/keys/none HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.0 404 Not Found\r\n")
        .contains("\"message\":\"Key not found\"");
  }

  @Test void twoHostHeadersAreABareBadRequest() throws IOException {
    assertThat(exchange("GET /v2/keys/a HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")).isEqualTo(BARE);
  }

  @Test void aHostWithAByteNoHostHasIsMalformed() throws IOException {
    assertThat(exchange("GET /v2/keys/a HTTP/1.1\r\nHost: a b\r\n\r\n")).isEqualTo(MALFORMED);
    assertThat(exchange("GET /v2/keys/a HTTP/1.1\r\nHost: a/b\r\n\r\n")).isEqualTo(MALFORMED);
  }

  @Test void anEmptyHostOrAnIpLiteralWithPortIsAccepted() throws IOException {
    assertThat(exchange("GET /v2/keys/a HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 404 Not Found\r\n");
    assertThat(exchange("GET /v2/keys/a HTTP/1.1\r\nHost: [::1]:2379\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 404 Not Found\r\n");
  }

  private static String exchange(String requests) throws IOException {
    return RawHttp.untilClosed(base, requests, false);
  }
}
