package io.etcdj.http.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The replay's own machinery: what it masks, what it still reports, how it reads the wire. */
class ReplayHarnessTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }

  private static TimeDependence td(boolean unorderedNodes) throws IOException {
    return TimeDependence.of(json("{\"unorderedNodes\":" + unorderedNodes + ",\"timeDependent\":"
        + "{\"headers\":[\"Date\"],\"fieldNames\":[\"ttl\",\"expiration\"],"
        + "\"paths\":[\"leaderInfo.uptime\"]}}"));
  }

  @Test
  void timeDependentFieldsAreComparedForPresenceOnly() throws IOException {
    JsonNode etcd = json("{\"node\":{\"key\":\"/a\",\"ttl\":100,\"expiration\":\"2026-01-01T00:00:00Z\"}}");
    JsonNode sameButLater =
        json("{\"node\":{\"key\":\"/a\",\"ttl\":99,\"expiration\":\"2026-01-01T00:00:01Z\"}}");
    JsonNode withoutTtl = json("{\"node\":{\"key\":\"/a\",\"expiration\":\"2026-01-01T00:00:01Z\"}}");

    assertThat(JsonDiff.between(td(false).normalise(etcd), td(false).normalise(sameButLater))).isEmpty();
    assertThat(JsonDiff.between(td(false).normalise(etcd), td(false).normalise(withoutTtl)))
        .containsExactly("node.ttl: missing (etcd has \"<time-dependent>\")");
  }

  @Test
  void dottedTimePathsAreMaskedOnlyWhereTheyPoint() throws IOException {
    JsonNode etcd = json("{\"leaderInfo\":{\"uptime\":\"1s\",\"leader\":\"x\"}}");
    JsonNode other = json("{\"leaderInfo\":{\"uptime\":\"2s\",\"leader\":\"y\"}}");

    assertThat(JsonDiff.between(td(false).normalise(etcd), td(false).normalise(other)))
        .containsExactly("leaderInfo.leader: etcd \"x\" but etcdj \"y\"");
  }

  @Test
  void childrenListedWithoutSortedAreComparedInAnyOrder() throws IOException {
    JsonNode etcd = json("{\"node\":{\"nodes\":[{\"key\":\"/b\"},{\"key\":\"/a\"}]}}");
    JsonNode reversed = json("{\"node\":{\"nodes\":[{\"key\":\"/a\"},{\"key\":\"/b\"}]}}");

    assertThat(JsonDiff.between(td(true).normalise(etcd), td(true).normalise(reversed))).isEmpty();
    assertThat(JsonDiff.between(td(false).normalise(etcd), td(false).normalise(reversed))).isNotEmpty();
  }

  @Test
  void raftIndexMismatchIsReportedOnceThenTheOffsetIsRelearnt() {
    RaftIndexTracker tracker = new RaftIndexTracker();

    assertThat(tracker.check("a", 4, 4, false)).isEmpty();
    assertThat(tracker.check("b", 6, 5, false)).get().asString().contains("etcd moved by 2", "etcdj by 1");
    assertThat(tracker.check("c", 7, 6, false)).isEmpty();
  }

  @Test
  void raftIndexOffsetIsRelearntSilentlyAfterAVolatileScenario() {
    RaftIndexTracker tracker = new RaftIndexTracker();
    tracker.check("ttl", 10, 10, true);
    tracker.afterScenario(true);

    assertThat(tracker.check("next", 20, 17, false)).isEmpty();
    assertThat(tracker.check("then", 21, 18, false)).isEmpty();
    assertThat(tracker.check("drift", 22, 18, false)).isPresent();
  }

  @Test
  void fieldsEtcdOmitsWhenZeroMayBeAbsentButNeverZero() throws IOException {
    TimeDependence td = TimeDependence.of(json("{\"timeDependent\":{\"paths\":[\"recvPkgRate\"],"
        + "\"presenceVaries\":[\"recvPkgRate\"]}}"));
    JsonNode etcd = json("{\"name\":\"m2\",\"recvPkgRate\":566.2}");

    assertThat(JsonDiff.between(td.normalise(etcd), td.normalise(json("{\"name\":\"m2\"}")))).isEmpty();
    assertThat(td.presenceProblems(json("{\"name\":\"m2\",\"recvPkgRate\":3.5}"))).isEmpty();
    assertThat(td.presenceProblems(json("{\"name\":\"m2\",\"recvPkgRate\":0}"))).hasSize(1);
  }

  @Test
  void aCapturedIdReplacesTheRecordedOneInLaterRequestsAndAnswers() throws IOException {
    ReplayVariables variables = new ReplayVariables(JSON);
    String id = Long.toHexString(ReplayVariables.addedMemberId(java.util.List.of("http://h:1"), 1_796_162_429L));
    JsonNode add = json("{\"capture\":{\"var\":\"added\",\"from\":\"response.json.id\",\"recorded\":\"63f7\","
        + "\"idDerivation\":{\"peerURLs\":[\"http://h:1\"]}}}");

    assertThat(variables.capture(add, json("{\"id\":\"" + id + "\"}"), 1_796_162_429_000L, 1_796_162_429_500L))
        .isEmpty();
    JsonNode later = variables.prepare(json("{\"request\":{\"head\":\"DELETE /v2/members/{{added}} HTTP/1.1\"},"
        + "\"response\":{\"json\":{\"followers\":{\"63f7\":{}}}}}"));
    assertThat(later.at("/request/head").asText()).isEqualTo("DELETE /v2/members/" + id + " HTTP/1.1");
    assertThat(later.at("/response/json/followers").has(id)).isTrue();
  }

  @Test
  void anIdNotDerivedAsEtcdDerivesAddedIdsIsReported() throws IOException {
    JsonNode add = json("{\"capture\":{\"var\":\"added\",\"from\":\"response.json.id\",\"recorded\":\"63f7\","
        + "\"idDerivation\":{\"peerURLs\":[\"http://h:1\"]}}}");

    assertThat(new ReplayVariables(JSON).capture(add, json("{\"id\":\"1234\"}"), 0, 1000)).hasSize(1);
  }

  @Test
  void membersAreExpectedInTheOrderOfTheirIdsWhateverTheRecordedOrder() throws IOException {
    JsonNode step = json("{\"membersSortedById\":true,\"response\":{\"body\":\"x\\n\",\"json\":{\"members\":"
        + "[{\"id\":\"b5\"},{\"id\":\"63\"}]}}}");

    JsonNode prepared = new ReplayVariables(JSON).prepare(step);

    assertThat(prepared.at("/response/json/members/0/id").asText()).isEqualTo("63");
    assertThat(prepared.at("/response/body").asText()).isEqualTo("{\"members\":[{\"id\":\"63\"},{\"id\":\"b5\"}]}\n");
  }

  @Test
  void chunkedWatchEventsAreSplitAtJsonValueBoundariesWhateverTheChunking() throws Exception {
    String body = "{\"action\":\"set\",\"node\":{\"key\":\"/a\"}}\n{\"action\":\"delete\"}\n";
    // The first chunk ends in the middle of the first event.
    String chunked = "1b\r\n" + body.substring(0, 27) + "\r\n"
        + Integer.toHexString(body.length() - 27) + "\r\n" + body.substring(27) + "\r\n0\r\n\r\n";
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> served = CompletableFuture.runAsync(() -> answer(server,
          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked));
      try (WireConnection conn = WireConnection.open("127.0.0.1", server.getLocalPort(), 5_000)) {
        conn.send("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(conn.readHead("GET").status()).isEqualTo(200);

        assertThat(conn.readJsonValue(JSON).get("action").asText()).isEqualTo("set");
        assertThat(conn.readJsonValue(JSON).get("action").asText()).isEqualTo("delete");
        assertThat(conn.bodyEndsHere()).isTrue();
      }
      served.join();
    }
  }

  private static void answer(ServerSocket server, String response) {
    try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
      s.getInputStream().read(new byte[1024]);
      out.write(response.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
