package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * v2 auth data lives in the replicated store under /2, so it is in every member's log and
 * snapshots: it survives a restart from a snapshot, every member of a cluster enforces the rules
 * written through any one of them, and so does a member that joins later from a snapshot. Real
 * members, sockets and RocksDB.
 */
class AuthPersistenceTest {
  private static final String JSON = "application/json";
  private static final String ROOT = basic("root", "rootpw");
  private static final String CAROL = basic("carol", "carolpw");

  @TempDir Path dir;

  @Test
  void usersRolesAndTheEnabledFlagSurviveARestartFromASnapshot() {
    List<String> flags = List.of("--data-dir", dir.resolve("data").toString(), "--snapshot-count", "5",
        "--listen-client-urls", "http://127.0.0.1:0", "--advertise-client-urls", "http://127.0.0.1:20379",
        "--listen-peer-urls", "http://127.0.0.1:0", "--initial-advertise-peer-urls", "http://127.0.0.1:20380",
        "--initial-cluster", "default=http://127.0.0.1:20380");
    try (EtcdjServer server = EtcdjServer.start(ServerConfig.parse(flags.toArray(String[]::new)))) {
      TestHttp http = new TestHttp(server.clientUrls().get(0));
      lockDown(http);
      for (int i = 0; i < 12; i++) { // past the snapshot count twice: the restart starts from a snapshot
        assertThat(http.send("PUT", "/v2/keys/data/k" + i, "value=" + i, "application/x-www-form-urlencoded",
            "Authorization", CAROL).statusCode()).isEqualTo(201);
      }
      assertThat(http.get("/metrics").body()).containsPattern("etcdj_snapshots_saved_total [1-9]");
    }
    assertThat(dir.resolve("data").toFile().list()).isNotEmpty();
    try (EtcdjServer server = EtcdjServer.start(ServerConfig.parse(flags.toArray(String[]::new)))) {
      TestHttp http = new TestHttp(server.clientUrls().get(0));
      assertLockedDown(http);
    }
  }

  @Test
  void everyMemberEnforcesTheRulesWrittenThroughAnyOfThem() throws IOException {
    List<Integer> ports = freePorts(3);
    StringBuilder initial = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      initial.append(i == 0 ? "" : ",").append("m").append(i).append("=http://127.0.0.1:").append(ports.get(i));
    }
    List<EtcdjServer> members = new ArrayList<>();
    try {
      List<CompletableFuture<EtcdjServer>> starting = new ArrayList<>();
      for (int i = 0; i < 3; i++) { // together: each start waits for a leader, which needs two
        int member = i;
        starting.add(CompletableFuture.supplyAsync(() -> startMember(member, ports.get(member), initial.toString())));
      }
      starting.forEach(f -> members.add(f.join()));
      TestHttp first = new TestHttp(members.get(0).clientUrls().get(0));
      lockDown(first);
      for (EtcdjServer member : members) {
        TestHttp http = new TestHttp(member.clientUrls().get(0));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertLockedDown(http));
      }
    } finally {
      members.forEach(EtcdjServer::close);
    }
  }

  @Test
  void aMemberJoiningLaterFromASnapshotEnforcesTheRules() throws IOException {
    List<Integer> ports = freePorts(2);
    String first = "m0=http://127.0.0.1:" + ports.get(0);
    List<EtcdjServer> members = new ArrayList<>();
    try {
      members.add(EtcdjServer.start(ServerConfig.parse(memberFlags(0, ports.get(0), first, "new"))));
      TestHttp http = new TestHttp(members.get(0).clientUrls().get(0));
      lockDown(http);
      for (int i = 0; i < 12; i++) { // past the snapshot count: the joiner gets a snapshot, not the whole log
        http.send("PUT", "/v2/keys/data/k" + i, "value=" + i, "application/x-www-form-urlencoded", "Authorization", CAROL);
      }
      String peer = "{\"peerURLs\":[\"http://127.0.0.1:" + ports.get(1) + "\"]}";
      assertThat(http.send("POST", "/v2/members", peer, JSON).statusCode()).isEqualTo(401); // needs root now
      assertThat(http.send("POST", "/v2/members", peer, JSON, "Authorization", basic("root", "guess")).statusCode())
          .isEqualTo(401);
      assertThat(http.send("POST", "/v2/members", peer, JSON, "Authorization", ROOT).statusCode()).isEqualTo(201);
      members.add(EtcdjServer.start(ServerConfig.parse(memberFlags(1, ports.get(1),
          first + ",m1=http://127.0.0.1:" + ports.get(1), "existing"))));
      TestHttp joiner = new TestHttp(members.get(1).clientUrls().get(0));
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertLockedDown(joiner));
      assertThat(joiner.get("/metrics").body()).containsPattern("etcdj_snapshots_received_total [1-9]");
    } finally {
      members.forEach(EtcdjServer::close);
    }
  }

  @Test
  void aRequestWaitingForBcryptKeepsItsPlaceBeforeTheConnectionsLaterWrites() throws IOException {
    try (EtcdjServer server = SingleMember.start(dir)) {
      URI base = server.clientUrls().get(0);
      TestHttp http = new TestHttp(base);
      lockDown(http);
      String carolFirstTime = basic("carol", "carolpw"); // no verdict cached yet: judged off the event loop
      String piped = put("/v2/keys/data/order", "value=1", carolFirstTime)
          + put("/v2/keys/data/order", "value=2", CAROL) + put("/v2/keys/data/order", "value=3", basic("carol", "bad"));
      String answers = RawHttp.exchange(base, piped, 3);
      int first = answers.indexOf("\"value\":\"1\"");
      int second = answers.indexOf("\"value\":\"2\"");
      assertThat(first).isNotNegative();
      assertThat(second).isGreaterThan(first);
      assertThat(answers).contains("HTTP/1.1 201").contains("HTTP/1.1 401").containsPattern("(?s)value.:.2.*401");
      assertThat(http.send("GET", "/v2/keys/data/order", null, null, "Authorization", CAROL).body())
          .contains("\"value\":\"2\"");
    }
  }

  @Test
  void aRequestWaitingForBcryptIsStillAnsweredWhenItAsksToCloseTheConnection() throws IOException {
    try (EtcdjServer server = SingleMember.start(dir)) {
      URI base = server.clientUrls().get(0);
      lockDown(new TestHttp(base));
      String request = put("/v2/keys/data/closing", "value=1", CAROL).replace("Host: x\r\n", "Host: x\r\nConnection: close\r\n");
      assertThat(RawHttp.untilClosed(base, request, false)).startsWith("HTTP/1.1 201").contains("\"value\":\"1\"");
    }
  }

  private static String put(String path, String form, String authorization) {
    return "PUT " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + authorization
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n\r\n" + form;
  }

  /** Root, a user with a role on /data/*, auth on, the guest role revoked. */
  private static void lockDown(TestHttp http) {
    assertThat(http.send("PUT", "/v2/auth/users/root", "{\"user\":\"root\",\"password\":\"rootpw\"}", JSON)
        .statusCode()).isEqualTo(201);
    assertThat(http.send("PUT", "/v2/auth/roles/data", "{\"role\":\"data\",\"permissions\":{\"kv\":"
        + "{\"read\":[\"/data/*\"],\"write\":[\"/data/*\"]}}}", JSON).statusCode()).isEqualTo(201);
    assertThat(http.send("PUT", "/v2/auth/users/carol", "{\"user\":\"carol\",\"password\":\"carolpw\","
        + "\"roles\":[\"data\"]}", JSON).statusCode()).isEqualTo(200);
    assertThat(http.send("PUT", "/v2/auth/enable", null, null).statusCode()).isEqualTo(200);
    assertThat(http.send("PUT", "/v2/auth/roles/guest", "{\"role\":\"guest\",\"revoke\":{\"kv\":"
        + "{\"read\":[\"/*\"],\"write\":[\"/*\"]}}}", JSON, "Authorization", ROOT).statusCode()).isEqualTo(200);
  }

  private static void assertLockedDown(TestHttp http) {
    assertThat(http.get("/v2/auth/enable").body()).isEqualTo("{\"enabled\":true}\n");
    assertThat(http.get("/v2/keys/data").statusCode()).isEqualTo(401);
    assertThat(http.send("GET", "/v2/auth/users", null, null).statusCode()).isEqualTo(401);
    HttpResponse<String> users = http.send("GET", "/v2/auth/users/carol", null, null, "Authorization", ROOT);
    assertThat(users.body()).contains("\"user\":\"carol\"").contains("/data/*");
    assertThat(http.send("PUT", "/v2/keys/data/x", "value=1", "application/x-www-form-urlencoded",
        "Authorization", CAROL).statusCode()).isIn(200, 201);
    assertThat(http.send("PUT", "/v2/keys/other", "value=1", "application/x-www-form-urlencoded",
        "Authorization", CAROL).statusCode()).isEqualTo(401);
    assertThat(http.send("GET", "/v2/keys/data/x", null, null, "Authorization", basic("carol", "wrong"))
        .statusCode()).isEqualTo(401);
  }

  private EtcdjServer startMember(int i, int peerPort, String initialCluster) {
    return EtcdjServer.start(ServerConfig.parse(memberFlags(i, peerPort, initialCluster, "new")));
  }

  private String[] memberFlags(int i, int peerPort, String initialCluster, String state) {
    return new String[] {"--name", "m" + i, "--data-dir", dir.resolve("m" + i).toString(), "--snapshot-count", "5",
        "--listen-client-urls", "http://127.0.0.1:0",
        "--listen-peer-urls", "http://127.0.0.1:" + peerPort,
        "--initial-advertise-peer-urls", "http://127.0.0.1:" + peerPort,
        "--initial-cluster", initialCluster, "--initial-cluster-state", state, "--initial-cluster-token", "auth-test"};
  }

  private static List<Integer> freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket s = new ServerSocket(0);
        sockets.add(s);
        ports.add(s.getLocalPort());
      }
      return ports;
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
