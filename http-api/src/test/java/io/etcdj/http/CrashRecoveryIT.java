package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 loses nothing acknowledged: the real bin/etcdj process takes writes from several
 * threads (some with TTLs), is killed with SIGKILL mid-load, restarted on the same data dir, and
 * must show every acknowledged key with its modifiedIndex and expiration.
 */
class CrashRecoveryIT {
  private static final int WRITERS = 6;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private record Ack(String value, long modifiedIndex, String expiration) {}

  @Test void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
    int port = freePort();
    URI base = URI.create("http://127.0.0.1:" + port);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    Map<String, Ack> acked = new ConcurrentHashMap<>();

    Process first = launch(port);
    try {
      awaitHealthy(client, base, first);
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch enoughWritten = new CountDownLatch(WRITERS);
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        Thread thread = new Thread(() -> write(client, base, writer, stop, acked, enoughWritten), "writer-" + w);
        thread.start();
        writers.add(thread);
      }
      enoughWritten.await();
      first.destroyForcibly(); // SIGKILL: bin/etcdj exec's java, so this is the JVM itself
      first.waitFor();
      stop.set(true);
      for (Thread thread : writers) {
        thread.join();
      }
    } finally {
      first.destroyForcibly();
    }
    assertThat(acked).hasSizeGreaterThan(WRITERS * 50);
    assertThat(acked.values()).filteredOn(ack -> ack.expiration() != null).isNotEmpty();

    Process second = launch(port);
    try {
      awaitHealthy(client, base, second);
      for (Map.Entry<String, Ack> entry : acked.entrySet()) {
        HttpResponse<String> read = send(client, HttpRequest.newBuilder(base.resolve("/v2/keys/" + entry.getKey())).GET());
        assertThat(read.statusCode()).as(entry.getKey()).isEqualTo(200);
        JsonNode node = JSON.readTree(read.body()).path("node");
        Ack ack = entry.getValue();
        assertThat(node.path("value").asText()).as(entry.getKey()).isEqualTo(ack.value());
        assertThat(node.path("modifiedIndex").asLong()).as(entry.getKey()).isEqualTo(ack.modifiedIndex());
        assertThat(node.path("expiration").isMissingNode() ? null : node.path("expiration").asText())
            .as(entry.getKey()).isEqualTo(ack.expiration());
      }
    } finally {
      second.destroyForcibly();
      second.waitFor();
    }
  }

  private static void write(HttpClient client, URI base, int writer, AtomicBoolean stop, Map<String, Ack> acked,
                            CountDownLatch enoughWritten) {
    for (int i = 0; !stop.get(); i++) {
      String key = "crash/w" + writer + "-" + i;
      String form = "value=v" + i + (i % 3 == 0 ? "&ttl=3600" : "");
      try {
        HttpResponse<String> response = send(client, HttpRequest.newBuilder(base.resolve("/v2/keys/" + key))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .PUT(HttpRequest.BodyPublishers.ofString(form)));
        if (response.statusCode() == 201) {
          JsonNode node = JSON.readTree(response.body()).path("node");
          acked.put(key, new Ack(node.path("value").asText(), node.path("modifiedIndex").asLong(),
              node.path("expiration").isMissingNode() ? null : node.path("expiration").asText()));
        }
      } catch (IOException | RuntimeException e) {
        // in flight when the member died: not acknowledged, so nothing to check
      }
      if (i == 100) {
        enoughWritten.countDown();
      }
    }
  }

  private Process launch(int port) throws IOException {
    Path script = Path.of("..", "bin", "etcdj").toAbsolutePath().normalize();
    ProcessBuilder builder = new ProcessBuilder(script.toString(), "--name", "crash",
        "--data-dir", dir.resolve("data").toString(),
        "--listen-client-urls", "http://127.0.0.1:" + port, "--advertise-client-urls", "http://127.0.0.1:" + port,
        "--listen-peer-urls", "http://127.0.0.1:0",
        "--initial-advertise-peer-urls", "http://127.0.0.1:1", "--initial-cluster", "crash=http://127.0.0.1:1",
        "--snapshot-count", "500");
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(Files.createDirectories(dir).resolve("etcdj.log").toFile()));
    return builder.start();
  }

  private static void awaitHealthy(HttpClient client, URI base, Process process) {
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
      assertThat(process.isAlive()).as("etcdj exited").isTrue();
      return send(client, HttpRequest.newBuilder(base.resolve("/health")).GET()).statusCode() == 200;
    });
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws IOException {
    try {
      return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
