package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key is the bytes the client sent, as in etcd: {@code /v2/keys/%ff} and {@code /v2/keys/%fe}
 * are two keys (both shown as Go shows an invalid byte, {@code \ufffd}), neither is the key
 * U+FFFD, a watch on one does not see the other, and they stay two through the Raft log and a
 * snapshot across a restart (etcd 3.4.23's answers: etcd-fixtures/wire/wire-edges.json, bytes-*).
 */
class KeysAreBytesTest {
  @TempDir Path dir;

  @Test void bytesThatAreNotUtf8StayDistinctKeysAcrossARestart() throws IOException {
    EtcdjServer server = SingleMember.start(dir, "--snapshot-count", "3");
    try {
      URI base = server.clientUrls().get(0);
      try (Socket watch = new Socket(base.getHost(), base.getPort())) {
        watch.setSoTimeout(30_000);
        watch.getOutputStream().write("GET /v2/keys/b/%ff?wait=true HTTP/1.1\r\nHost: h\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        assertThat(put(base, "/v2/keys/b/%fe", "fe")).startsWith("HTTP/1.1 201");
        assertThat(put(base, "/v2/keys/b/%ff", "ff")).startsWith("HTTP/1.1 201");
        String event = untilEvent(watch);
        assertThat(event).contains("\"action\":\"set\"").contains("\"value\":\"ff\"").doesNotContain("\"fe\"");
      }
      for (int i = 0; i < 4; i++) {
        assertThat(put(base, "/v2/keys/b/x" + i, "x")).startsWith("HTTP/1.1 201"); // past --snapshot-count
      }
    } finally {
      server.close();
    }
    EtcdjServer restarted = SingleMember.start(dir, "--snapshot-count", "3");
    try {
      URI base = restarted.clientUrls().get(0);
      assertThat(get(base, "/v2/keys/b/%ff")).contains("{\"key\":\"/b/\\ufffd\",\"value\":\"ff\"");
      assertThat(get(base, "/v2/keys/b/%fe")).contains("{\"key\":\"/b/\\ufffd\",\"value\":\"fe\"");
      assertThat(get(base, "/v2/keys/b/%ef%bf%bd")).startsWith("HTTP/1.1 404");
      assertThat(get(base, "/v2/keys/b?sorted=true")).contains("{\"key\":\"/b/\\ufffd\",\"value\":\"fe\"")
          .contains("{\"key\":\"/b/\\ufffd\",\"value\":\"ff\"");
    } finally {
      restarted.close();
    }
  }

  /** Reads the watch's answer up to the end of its event's JSON (a newline after a brace). */
  private static String untilEvent(Socket watch) throws IOException {
    StringBuilder text = new StringBuilder();
    byte[] buffer = new byte[4096];
    while (text.indexOf("}\n") < 0) {
      int n = watch.getInputStream().read(buffer);
      assertThat(n).as("the watch answered before closing: %s", text).isPositive();
      text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
    }
    return text.toString();
  }

  private static String put(URI base, String path, String value) throws IOException {
    String body = "value=" + value;
    return RawHttp.untilClosed(base, "PUT " + path + " HTTP/1.1\r\nHost: h\r\nConnection: close\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n" + body, false);
  }

  private static String get(URI base, String path) throws IOException {
    return RawHttp.untilClosed(base, "GET " + path + " HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", false);
  }
}
