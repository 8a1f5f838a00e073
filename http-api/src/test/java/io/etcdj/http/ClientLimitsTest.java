package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits a client connection meets (etcd 3.4 has none of the first three): a head that
 * does not arrive whole in time and an idle connection are closed without an answer, a
 * connection past --max-client-connections gets a 503 and the close, a head over Go's 1 MB
 * gets Go's 431; each is counted in /metrics. The timeouts are shortened for this member so
 * that the test sees them act; the test waits for the close (30 s read timeout as a failure
 * signal), it measures no time.
 */
class ClientLimitsTest {
  private static final String REFUSAL = "HTTP/1.1 503 Service Unavailable: too many open connections\r\n"
      + "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n503 Service Unavailable: too many open connections";

  @TempDir static Path dir;
  static EtcdjServer server;
  static URI base;

  @BeforeAll static void start() {
    System.setProperty("etcdj.headerReadTimeoutMs", "300");
    System.setProperty("etcdj.idleTimeoutMs", "600");
    try {
      server = SingleMember.start(dir, "--max-client-connections", "4");
    } finally {
      System.clearProperty("etcdj.headerReadTimeoutMs");
      System.clearProperty("etcdj.idleTimeoutMs");
    }
    base = server.clientUrls().get(0);
  }

  @AfterAll static void stop() { server.close(); }

  @Test void aHeadThatDoesNotArriveWholeInTimeIsClosedWithoutAnAnswer() throws IOException {
    try (Socket socket = open()) {
      socket.getOutputStream().write("GET /v2/keys/a HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
      assertThat(readToClose(socket)).isEmpty();
    }
    assertThat(metricsWhenAccepted()).contains("etcdj_http_limit_hits_total{limit=\"header_read_timeout\"}");
  }

  @Test void anIdleConnectionIsClosedAfterItsLastAnswer() throws IOException {
    try (Socket socket = open()) {
      socket.getOutputStream().write("GET /version HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(readToClose(socket)).startsWith("HTTP/1.1 200 OK").containsOnlyOnce("HTTP/1.1");
    }
    assertThat(metricsWhenAccepted()).contains("etcdj_http_limit_hits_total{limit=\"idle_timeout\"}");
  }

  @Test void aWatchWaitingForAnEventIsNotIdle() throws IOException {
    try (Socket socket = open()) {
      socket.getOutputStream().write("GET /v2/keys/watched?wait=true HTTP/1.1\r\nHost: h\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      // the member answers the watch only when the key is written, past any idle timeout
      String written = RawHttp.untilClosed(base, "PUT /v2/keys/watched HTTP/1.1\r\nHost: h\r\nConnection: close\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\nvalue=1", false);
      assertThat(written).startsWith("HTTP/1.1 201");
      byte[] head = socket.getInputStream().readNBytes(15);
      assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 OK");
    }
  }

  @Test void aConnectionPastTheLimitIsRefusedWithA503() throws IOException {
    java.util.List<Socket> held = new java.util.ArrayList<>();
    try {
      String refused = null;
      // the limit is 4: held open, the fifth at the latest is one too many (an earlier one when
      // connections of earlier tests are still being closed)
      for (int i = 0; i < 5 && refused == null; i++) {
        Socket socket = open();
        held.add(socket);
        socket.getOutputStream().write("GET /version HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String head = new String(socket.getInputStream().readNBytes(15), StandardCharsets.US_ASCII);
        if (!head.equals("HTTP/1.1 200 OK")) {
          refused = head + readToClose(socket);
        }
      }
      assertThat(refused).isEqualTo(REFUSAL);
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
    assertThat(metricsWhenAccepted()).contains("etcdj_http_limit_hits_total{limit=\"max_client_connections\"}");
  }

  /** /metrics, on a connection the limit lets in once the held ones are closed. */
  private static String metricsWhenAccepted() {
    return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(ClientLimitsTest::metrics, text -> text.startsWith("HTTP/1.1 200"));
  }

  @Test void theDefaultLimitLeavesDescriptorsForEverythingElse() {
    assertThat(ClientConnectionLimit.defaultMax(20_000)).isEqualTo(18_976);
    assertThat(ClientConnectionLimit.defaultMax(1_024)).isEqualTo(768);
    assertThat(ClientConnectionLimit.defaultMax(1_048_576)).isEqualTo(1_047_552);
    assertThat(ClientConnectionLimit.defaultMax(0)).isEqualTo(ClientConnectionLimit.FALLBACK_MAX);
    assertThat(ServerConfig.parse().maxClientConnections()).isEqualTo(ClientConnectionLimit.defaultMax());
  }

  @Test void aHeadOverOneMegabyteGetsGosAnswer() throws IOException {
    String big = "GET /v2/keys/a HTTP/1.1\r\nHost: h\r\nX-Big: " + "a".repeat((1 << 20) + 8192) + "\r\n\r\n";
    assertThat(RawHttp.untilClosed(base, big, false)).isEqualTo("HTTP/1.1 431 Request Header Fields Too Large\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n431 Request Header Fields Too Large");
    assertThat(metricsWhenAccepted()).contains("etcdj_http_limit_hits_total{limit=\"header_too_large\"}");
  }

  private static Socket open() throws IOException {
    Socket socket = new Socket(base.getHost(), base.getPort());
    socket.setSoTimeout(30_000);
    return socket;
  }

  /** One request answered on {@code socket}, so it is surely open and counted. */
  private static void answered(Socket socket) throws IOException {
    socket.getOutputStream().write("GET /version HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    byte[] head = socket.getInputStream().readNBytes(15);
    assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 OK");
  }

  private static String readToClose(Socket socket) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
      }
    } catch (java.net.SocketException e) {
      // reset after the answer: closed with our bytes unread
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private static String metrics() throws IOException {
    return RawHttp.untilClosed(base, "GET /metrics HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", false);
  }
}
