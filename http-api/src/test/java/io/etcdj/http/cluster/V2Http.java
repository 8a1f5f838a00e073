package io.etcdj.http.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;

/**
 * The v2 HTTP calls the cluster tests make, over one keep-alive HTTP/1.1 client. Calls that
 * cannot reach a member throw {@link UncheckedIOException}; every answer, whatever its status,
 * is returned as an {@link Answer}. Safe from any thread.
 */
final class V2Http {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Longer than a member's own request timeout (5 s + 2 election timeouts): its answer is seen. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(12);

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  /** One answer: status, body and the headers the tests read. */
  record Answer(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
      }
    }

    long header(String name) {
      return raw.headers().firstValue(name).map(Long::parseLong).orElse(-1L);
    }

    boolean ok() { return status / 100 == 2; }

    @Override public String toString() { return status + " " + body; }
  }

  Answer put(URI member, String key, String value, Duration timeout) {
    return send(HttpRequest.newBuilder(keyUri(member, key, ""))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .PUT(HttpRequest.BodyPublishers.ofString("value=" + URLEncoder.encode(value, StandardCharsets.UTF_8))),
        timeout);
  }

  Answer put(URI member, String key, String value) { return put(member, key, value, DEFAULT_TIMEOUT); }

  /** A GET of {@code key}; {@code quorum} makes it a linearizable read through the leader. */
  Answer get(URI member, String key, boolean quorum) {
    return send(HttpRequest.newBuilder(keyUri(member, key, quorum ? "?quorum=true" : "")).GET(), DEFAULT_TIMEOUT);
  }

  /** Everything under the directory {@code dir}, as one answer. */
  Answer getRecursive(URI member, String dir, boolean quorum) {
    return send(HttpRequest.newBuilder(keyUri(member, dir, "?recursive=true" + (quorum ? "&quorum=true" : "")))
        .GET(), Duration.ofSeconds(30));
  }

  CompletableFuture<Answer> putAsync(URI member, String key, String value) {
    return sendAsync(HttpRequest.newBuilder(keyUri(member, key, ""))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .PUT(HttpRequest.BodyPublishers.ofString("value=" + URLEncoder.encode(value, StandardCharsets.UTF_8))));
  }

  CompletableFuture<Answer> getAsync(URI member, String key, boolean quorum) {
    return sendAsync(HttpRequest.newBuilder(keyUri(member, key, quorum ? "?quorum=true" : "")).GET());
  }

  /** The leader's name as {@code member} sees it (GET /v2/members/leader); empty without one. */
  Optional<String> leaderName(URI member) {
    Answer answer = send(HttpRequest.newBuilder(member.resolve("/v2/members/leader")).GET(), Duration.ofSeconds(3));
    return answer.status() == 200 ? Optional.of(answer.json().path("name").asText()) : Optional.empty();
  }

  /** GET /v2/members: each member's JSON ({@code id, name, peerURLs, clientURLs}). */
  List<JsonNode> members(URI member) {
    Answer answer = send(HttpRequest.newBuilder(member.resolve("/v2/members")).GET(), Duration.ofSeconds(3));
    if (answer.status() != 200) {
      throw new IllegalStateException("GET /v2/members on " + member + ": " + answer);
    }
    List<JsonNode> members = new ArrayList<>();
    answer.json().path("members").forEach(members::add);
    return members;
  }

  /** POST /v2/members: adds a member with this peer URL. */
  Answer addMember(URI member, URI peerUrl) {
    return pastStrictReconfigCheck(() -> send(HttpRequest.newBuilder(member.resolve("/v2/members"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"peerURLs\":[\"" + peerUrl + "\"]}")), DEFAULT_TIMEOUT));
  }

  /** DELETE /v2/members/{id}. */
  Answer removeMember(URI member, String idHex) {
    return pastStrictReconfigCheck(() -> send(HttpRequest.newBuilder(member.resolve("/v2/members/" + idHex)).DELETE(),
        DEFAULT_TIMEOUT));
  }

  /**
   * As etcd with its default --strict-reconfig-check, a member refuses a membership change (500
   * at once) until it has been connected to the other voters for 5 s: the request is repeated
   * while it answers that, as an operator would.
   */
  private static Answer pastStrictReconfigCheck(java.util.function.Supplier<Answer> change) {
    Answer[] last = new Answer[1];
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
        .until(() -> {
          last[0] = change.get();
          return last[0].status() != 500 || !last[0].body().contains("Internal Server Error");
        });
    return last[0];
  }

  /** GET /health answered {"health":"true"}. */
  boolean healthy(URI member) {
    Answer answer = send(HttpRequest.newBuilder(member.resolve("/health")).GET(), Duration.ofSeconds(3));
    return answer.status() == 200 && answer.body().contains("\"health\":\"true\"");
  }

  /** The value of an unlabelled sample in /metrics (Prometheus text), if the member exports it. */
  OptionalDouble metric(URI member, String name) {
    Answer answer = send(HttpRequest.newBuilder(member.resolve("/metrics")).GET(), Duration.ofSeconds(3));
    for (String line : answer.body().split("\n")) {
      if (line.startsWith(name + " ")) {
        return OptionalDouble.of(Double.parseDouble(line.substring(name.length() + 1).trim()));
      }
    }
    return OptionalDouble.empty();
  }

  Answer send(HttpRequest.Builder request, Duration timeout) {
    try {
      HttpResponse<String> response = client.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private CompletableFuture<Answer> sendAsync(HttpRequest.Builder request) {
    return client.sendAsync(request.timeout(DEFAULT_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> new Answer(response.statusCode(), response.body(), response));
  }

  private static URI keyUri(URI member, String key, String query) {
    return member.resolve("/v2/keys" + (key.startsWith("/") ? key : "/" + key) + query);
  }
}
