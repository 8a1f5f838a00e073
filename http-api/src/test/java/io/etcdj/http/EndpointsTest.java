package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shapes, statuses and headers of the member endpoints, as recorded from etcd 3.4.23. */
class EndpointsTest {
  @TempDir static Path dir;
  static EtcdjServer server;
  static URI base;
  static TestHttp http;

  @BeforeAll static void start() {
    server = SingleMember.start(dir);
    base = server.clientUrls().get(0);
    http = new TestHttp(base);
  }

  @AfterAll static void stop() { server.close(); }

  @Test void membersListsThisMemberWithItsClusterId() {
    HttpResponse<String> r = http.get("/v2/members");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.headers().firstValue("X-Etcd-Cluster-Id")).hasValue("e212862534d843f1");
    assertThat(r.body()).isEqualTo("{\"members\":[{\"id\":\"3c2bdafe2850b2c0\",\"name\":\"default\","
        + "\"peerURLs\":[\"http://127.0.0.1:20380\"],\"clientURLs\":[\"http://127.0.0.1:20379\"]}]}\n");
  }

  @Test void membersLeaderIsThisMember() {
    assertThat(http.get("/v2/members/leader").body()).isEqualTo("{\"id\":\"3c2bdafe2850b2c0\",\"name\":\"default\","
        + "\"peerURLs\":[\"http://127.0.0.1:20380\"],\"clientURLs\":[\"http://127.0.0.1:20379\"]}\n");
  }

  @Test void membersRefusesOtherMethodsAsEtcd() {
    HttpResponse<String> head = http.send("HEAD", "/v2/members", null, null);
    assertThat(head.statusCode()).isEqualTo(405);
    assertThat(head.headers().firstValue("Allow")).hasValue("GET,POST,DELETE,PUT");
    HttpResponse<String> post = http.send("POST", "/v2/members", "x", "text/plain");
    assertThat(post.statusCode()).isEqualTo(415);
    assertThat(post.body()).isEqualTo("{\"message\":\"Bad Content-Type text/plain, accept application/json\"}");
    HttpResponse<String> delete = http.send("DELETE", "/v2/members/leader", null, null);
    assertThat(delete.statusCode()).isEqualTo(404);
    assertThat(delete.body()).isEqualTo("{\"message\":\"No such member: leader\"}");
    assertThat(http.send("PUT", "/v2/members", null, null).statusCode()).isEqualTo(405);
    assertThat(http.get("/v2/members/nope").body()).isEqualTo("{\"message\":\"Not found\"}");
  }

  @Test void membersBadJsonGetsGosMessage() {
    HttpResponse<String> r = http.send("POST", "/v2/members", "{nope", "application/json");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"message\":\"invalid character 'n' looking for beginning of object key string\"}");
  }

  @Test void authAnswersAsEtcdWithAuthDisabled() {
    assertThat(http.get("/v2/auth/enable").body()).isEqualTo("{\"enabled\":false}\n");
    assertThat(http.get("/v2/auth/users").body()).isEqualTo("{\"users\":null}\n");
    assertThat(http.get("/v2/auth/roles").body())
        .isEqualTo("{\"roles\":[{\"role\":\"root\",\"permissions\":{\"kv\":{\"read\":[\"/*\"],\"write\":[\"/*\"]}}}]}\n");
    HttpResponse<String> patch = http.send("PATCH", "/v2/auth/enable", "", null);
    assertThat(patch.statusCode()).isEqualTo(405);
    assertThat(patch.headers().firstValue("Allow")).hasValue("GET,PUT,DELETE");
  }

  @Test void configLogAcceptsOnlyPut() {
    HttpResponse<String> get = http.get("/config/local/log");
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("PUT");
    assertThat(http.send("PUT", "/config/local/log", "{\"Level\":\"INFO\"}", "application/json").statusCode())
        .isEqualTo(204);
    assertThat(http.send("PUT", "/config/local/log", "{\"Level\":\"LOUD\"}", "application/json").body())
        .isEqualTo("{\"message\":\"Invalid log level LOUD\"}");
  }

  @Test void v3PathsAnswerAsEtcdsGateway() {
    HttpResponse<String> r = http.get("/v3/foo");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("Not Found\n");
    HttpResponse<String> bad = http.send("POST", "/v3/kv/range", "{", "application/json");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).isEqualTo("{\"error\":\"unexpected EOF\",\"message\":\"unexpected EOF\",\"code\":3}");
    assertThat(http.send("POST", "/v3/kv/range", "{}", "application/json").statusCode()).isEqualTo(501);
  }

  @Test void absoluteFormTargetIsServedLikeItsPath() throws IOException {
    String response = RawHttp.exchange(base, "GET http://" + base.getHost() + ":" + base.getPort()
        + "/version HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", 1);
    assertThat(response).startsWith("HTTP/1.1 200 OK").contains("\"etcdcluster\"");
  }

  @Test void healthCheckGoesThroughTheLogAsEtcdsQget() {
    long before = Long.parseLong(http.get("/v2/keys").headers().firstValue("X-Raft-Index").orElseThrow());
    assertThat(http.get("/health").statusCode()).isEqualTo(200);
    long after = Long.parseLong(http.get("/v2/keys").headers().firstValue("X-Raft-Index").orElseThrow());
    assertThat(after).isGreaterThan(before);
  }

  @Test void removingAnUnknownMemberGoesThroughRaftBeforeNotFoundAsEtcd() {
    long before = Long.parseLong(http.get("/v2/keys").headers().firstValue("X-Raft-Index").orElseThrow());
    HttpResponse<String> r = http.send("DELETE", "/v2/members/1234", null, null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("{\"message\":\"No such member: 1234\"}");
    assertThat(r.headers().firstValue("X-Etcd-Cluster-Id")).hasValue("e212862534d843f1");
    long after = Long.parseLong(http.get("/v2/keys").headers().firstValue("X-Raft-Index").orElseThrow());
    assertThat(after).isEqualTo(before + 1);
  }

  @Test void machinesListsClientUrlsAsText() {
    HttpResponse<String> r = http.get("/v2/machines");
    assertThat(r.body()).isEqualTo("http://127.0.0.1:20379");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(http.send("POST", "/v2/machines", "", null).headers().firstValue("Allow")).hasValue("GET,HEAD");
  }

  @Test void statsSelfShowsTheLeader() {
    String body = http.get("/v2/stats/self").body();
    assertThat(body).matches("\\{\"name\":\"default\",\"id\":\"3c2bdafe2850b2c0\",\"state\":\"StateLeader\","
        + "\"startTime\":\"[0-9T:.Z-]+\",\"leaderInfo\":\\{\"leader\":\"3c2bdafe2850b2c0\",\"uptime\":\"[0-9.hmsµn]+\","
        + "\"startTime\":\"[0-9T:.Z-]+\"},\"recvAppendRequestCnt\":0,\"sendAppendRequestCnt\":0}");
  }

  @Test void statsStoreAndLeaderHaveEtcdsFields() {
    assertThat(http.get("/v2/stats/store").body()).startsWith("{\"getsSuccess\":").contains("\"watchers\":");
    assertThat(http.get("/v2/stats/leader").body()).isEqualTo("{\"leader\":\"3c2bdafe2850b2c0\",\"followers\":{}}");
    HttpResponse<String> post = http.send("POST", "/v2/stats/self", "", null);
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    assertThat(post.body()).isEqualTo("Method Not Allowed\n");
  }

  @Test void versionAndHealthAreEtcds() {
    HttpResponse<String> version = http.get("/version");
    assertThat(version.body()).isEqualTo("{\"etcdserver\":\"3.4.23\",\"etcdcluster\":\"3.4.0\"}");
    assertThat(version.headers().firstValue("Content-Type")).hasValue("application/json");
    HttpResponse<String> health = http.get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"health\":\"true\"}");
  }

  @Test void metricsUseEtcdNames() {
    http.put("/v2/keys/metric", "value=1");
    HttpResponse<String> r = http.get("/metrics");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(r.body()).contains("etcd_server_has_leader 1").contains("etcd_server_is_leader 1")
        .contains("etcd_server_leader_changes_seen_total 1").contains("etcd_server_proposals_committed_total")
        .contains("etcd_server_proposals_applied_total").contains("etcd_server_proposals_pending")
        .contains("etcd_server_proposals_failed_total").contains("etcd_disk_wal_fsync_duration_seconds_bucket{le=\"0.001\"}")
        .contains("etcd_debugging_store_watchers");
  }

  @Test void unknownPathIsGosNotFound() {
    HttpResponse<String> r = http.get("/v2/nothing");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("404 page not found\n");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
  }

  @Test void everyResponseCarriesCorsHeaders() {
    HttpResponse<String> r = http.get("/version");
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST, GET, OPTIONS, PUT, DELETE");
    assertThat(http.send("OPTIONS", "/v2/keys/x", null, null).statusCode()).isEqualTo(200);
  }

  @Test void uncleanPathIsRedirectedAsGoDoes() throws IOException {
    String response = RawHttp.exchange(base, "GET /v2//keys/./a?x=1 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", 1);
    assertThat(response).startsWith("HTTP/1.1 301 Moved Permanently").contains("Location: /v2/keys/a?x=1");
  }

  @Test void pipelinedRequestsAreAnsweredInOrder() throws IOException {
    String request = "PUT /v2/keys/p HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: 7\r\n\r\nvalue=1" + "GET /version HTTP/1.1\r\nHost: h\r\n\r\n"
        + "GET /v2/keys/p HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n";
    String response = RawHttp.exchange(base, request, 3);
    int put = response.indexOf("\"action\":\"set\"");
    int version = response.indexOf("etcdserver");
    int get = response.indexOf("\"action\":\"get\"");
    assertThat(put).isPositive();
    assertThat(version).isGreaterThan(put);
    assertThat(get).isGreaterThan(version);
  }

  @Test void http10RequestIsAnsweredAndClosed() throws IOException {
    String response = RawHttp.exchange(base, "GET /version HTTP/1.0\r\n\r\n", 1);
    assertThat(response).contains("200 OK").contains("\"etcdcluster\":\"3.4.0\"");
  }

  @Test void nonHttpBytesAreClosedWithoutAnswerAsEtcdsCmux() throws IOException {
    assertThat(RawHttp.exchange(base, "GARBAGE\r\n\r\n", 0)).isEmpty();
  }

  @Test void lowercaseMethodIsStillHttpAndGetsAnAnswer() throws IOException {
    assertThat(RawHttp.exchange(base, "get /version HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", 1))
        .startsWith("HTTP/1.1 405");
  }

  @Test void malformedHttpRequestGetsBadRequestNotADroppedConnection() throws IOException {
    String response = RawHttp.exchange(base, "GET /version HTTP/1.1\r\nBad Header Without Colon\r\n\r\n", 1);
    assertThat(response).startsWith("HTTP/1.1 400 Bad Request");
  }

  @Test void aFormPastGosLimitGetsEtcdsErrorBeforeTheConnectionCloses() throws IOException {
    int size = BoundedAggregator.MAX_CONTENT_BYTES + 100;
    byte[] head = ("PUT /v2/keys/big HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] request = java.util.Arrays.copyOf(head, head.length + size);
    java.util.Arrays.fill(request, head.length, request.length, (byte) 'x');
    String response = RawHttp.untilClosed(base, new String(request, StandardCharsets.ISO_8859_1), false);
    assertThat(response).startsWith("HTTP/1.1 400 Bad Request").contains("Connection: close")
        .contains("{\"errorCode\":210,\"message\":\"Invalid POST form\",\"cause\":\"http: POST too large\"");
  }
}
