package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.server.KeysBackend;
import io.etcdj.server.ServerUnavailableException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real member over real HTTP: start, write, read, restart on the same data dir. */
class EtcdjServerTest {
  @TempDir Path dir;

  private ServerConfig config(String... extra) {
    String[] base = {"--data-dir", dir.resolve("data").toString(), "--listen-client-urls", "http://127.0.0.1:0",
        "--listen-peer-urls", "http://127.0.0.1:0",
        "--initial-advertise-peer-urls", "http://127.0.0.1:20380", "--initial-cluster", "default=http://127.0.0.1:20380"};
    return ServerConfig.parse(Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
  }

  @Test void freshMemberHasEtcdsIndexesTermAndClusterId() {
    try (EtcdjServer server = EtcdjServer.start(config())) {
      HttpResponse<String> response = new TestHttp(server.clientUrls().get(0)).get("/v2/keys");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("{\"action\":\"get\",\"node\":{\"dir\":true}}\n");
      // etcd 3.4.23 with the same flags: X-Etcd-Index 3, X-Raft-Index 4, X-Raft-Term 2.
      assertThat(response.headers().firstValue("X-Etcd-Index")).hasValue("3");
      assertThat(response.headers().firstValue("X-Raft-Index")).hasValue("4");
      assertThat(response.headers().firstValue("X-Raft-Term")).hasValue("2");
      assertThat(response.headers().firstValue("X-Etcd-Cluster-Id")).hasValue("e212862534d843f1");
    }
  }

  @Test void writtenKeyIsReadBack() {
    try (EtcdjServer server = EtcdjServer.start(config())) {
      TestHttp http = new TestHttp(server.clientUrls().get(0));
      HttpResponse<String> put = http.put("/v2/keys/a", "value=1");
      assertThat(put.statusCode()).isEqualTo(201);
      assertThat(put.body()).isEqualTo(
          "{\"action\":\"set\",\"node\":{\"key\":\"/a\",\"value\":\"1\",\"modifiedIndex\":4,\"createdIndex\":4}}\n");
      assertThat(http.get("/v2/keys/a").body()).contains("\"value\":\"1\"");
    }
  }

  @Test void restartOnTheSameDataDirFindsTheData() {
    try (EtcdjServer server = EtcdjServer.start(config())) {
      new TestHttp(server.clientUrls().get(0)).put("/v2/keys/kept", "value=yes");
    }
    try (EtcdjServer server = EtcdjServer.start(config())) {
      TestHttp http = new TestHttp(server.clientUrls().get(0));
      HttpResponse<String> read = http.get("/v2/keys/kept");
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(read.body()).contains("\"value\":\"yes\"").contains("\"modifiedIndex\":4");
      // etcd publishes its attributes again on every start: one more store index.
      assertThat(read.headers().firstValue("X-Etcd-Index")).hasValue("5");
      assertThat(read.headers().firstValue("X-Etcd-Cluster-Id")).hasValue("e212862534d843f1");
    }
  }

  @Test void restartAfterSnapshotAndCompactionFindsEveryKey() throws IOException {
    int keys = 40;
    try (EtcdjServer server = EtcdjServer.start(config("--snapshot-count", "5"))) {
      TestHttp http = new TestHttp(server.clientUrls().get(0));
      for (int i = 0; i < keys; i++) {
        assertThat(http.put("/v2/keys/k" + i, "value=v" + i).statusCode()).isEqualTo(201);
      }
    }
    try (Stream<Path> snaps = Files.list(dir.resolve("data/member/snap"))) {
      assertThat(snaps.filter(p -> p.toString().endsWith(".snap"))).isNotEmpty();
    }
    try (EtcdjServer server = EtcdjServer.start(config("--snapshot-count", "5"))) {
      TestHttp http = new TestHttp(server.clientUrls().get(0));
      for (int i = 0; i < keys; i++) {
        HttpResponse<String> read = http.get("/v2/keys/k" + i);
        assertThat(read.statusCode()).as("k" + i).isEqualTo(200);
        assertThat(read.body()).contains("\"value\":\"v" + i + "\"").contains("\"modifiedIndex\":" + (4 + i) + ",");
      }
      assertThat(http.put("/v2/keys/after", "value=x").statusCode()).isEqualTo(201);
    }
  }

  @Test void quorumReadGoesThroughTheLogAsEtcdsQgetWithQuorumReadLog() {
    try (EtcdjServer server = EtcdjServer.start(config("--quorum-read", "log"))) {
      KeysBackend backend = server.server();
      long before = backend.raftIndex();
      assertThat(backend.readBarrier()).succeedsWithin(java.time.Duration.ofSeconds(10));
      assertThat(backend.raftIndex()).isEqualTo(before + 1);
    }
  }

  @Test void quorumReadUsesReadIndexByDefaultAndWritesNothingToTheLog() {
    try (EtcdjServer server = EtcdjServer.start(config())) {
      KeysBackend backend = server.server();
      long before = backend.raftIndex();
      assertThat(backend.readBarrier()).succeedsWithin(java.time.Duration.ofSeconds(10));
      assertThat(backend.raftIndex()).isEqualTo(before);
    }
  }

  @Test void pendingProposalsFailWhenTheMemberCloses() {
    EtcdjServer server = EtcdjServer.start(config());
    KeysBackend backend = server.server();
    server.close();
    assertThat(backend.propose(new io.etcdj.kvstore.StoreCommand.Put("/1/x", "v", false, 0, false,
        io.etcdj.kvstore.StoreCommand.PrevExist.UNSET, "", 0, 0)))
        .failsWithin(java.time.Duration.ofSeconds(5))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(ServerUnavailableException.class);
  }
}
