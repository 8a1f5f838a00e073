package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that sends its requests and then shuts its sending side down (as {@code nc -N} and
 * some HTTP libraries do) gets every answer, in order, and then the close, as etcd 3.4.23
 * answered the same bytes: a PUT's 201, a PUT and a GET both answered, a watch ended with its
 * last chunk ({@code 0\r\n\r\n}) right after its head.
 */
class HalfClosedClientTest {
  @TempDir static Path dir;
  static EtcdjServer server;
  static URI base;

  @BeforeAll static void start() {
    server = SingleMember.start(dir);
    base = server.clientUrls().get(0);
  }

  @AfterAll static void stop() { server.close(); }

  @Test void aWriteSentBeforeTheShutdownIsAnsweredAndApplied() throws IOException {
    String answer = sendThenShutDown(put("/v2/keys/half/a", "value=1"));

    assertThat(RawHttp.count(answer)).isEqualTo(1);
    assertThat(answer).startsWith("HTTP/1.1 201 Created\r\n")
        .endsWith("\r\n\r\n{\"action\":\"set\",\"node\":{\"key\":\"/half/a\",\"value\":\"1\",\"modifiedIndex\":"
            + index(answer) + ",\"createdIndex\":" + index(answer) + "}}\n");
    assertThat(sendThenShutDown(get("/v2/keys/half/a"))).contains("\"value\":\"1\"");
  }

  @Test void pipelinedRequestsBeforeTheShutdownAreAllAnsweredInOrder() throws IOException {
    String answer = sendThenShutDown(put("/v2/keys/half/b", "value=2") + get("/v2/keys/half/b"));

    assertThat(RawHttp.count(answer)).isEqualTo(2);
    int set = answer.indexOf("{\"action\":\"set\"");
    int got = answer.indexOf("{\"action\":\"get\",\"node\":{\"key\":\"/half/b\",\"value\":\"2\"");
    assertThat(set).isPositive();
    assertThat(got).isGreaterThan(set);
  }

  @Test void aWatchWhoseClientShutsItsSideDownEndsWithItsLastChunk() throws IOException {
    String answer = sendThenShutDown(get("/v2/keys/half/w?wait=true"));

    assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nTransfer-Encoding: chunked\r\n")
        .endsWith("\r\n\r\n0\r\n\r\n");
  }

  @Test void anIdleConnectionThatShutsItsSideDownIsClosed() throws IOException {
    assertThat(sendThenShutDown("")).isEmpty();
  }

  private static String put(String path, String form) {
    return "PUT " + path + " HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: " + form.length() + "\r\n\r\n" + form;
  }

  private static String get(String target) {
    return "GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n";
  }

  private static String index(String answer) {
    int at = answer.indexOf("X-Etcd-Index: ") + "X-Etcd-Index: ".length();
    return answer.substring(at, answer.indexOf("\r\n", at));
  }

  private static String sendThenShutDown(String requests) throws IOException {
    return RawHttp.untilClosed(base, requests, true);
  }
}
