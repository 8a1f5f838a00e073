package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcdj.kvstore.HistoryLimits;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreResult;
import io.etcdj.raft.StateRole;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three real members in one JVM: RocksDB, the Netty peer transport on loopback, real threads; no HTTP. */
class InProcessClusterTest {
  @TempDir Path dir;
  private final List<EtcdServer> running = new ArrayList<>();
  private final List<Throwable> fatal = new CopyOnWriteArrayList<>();

  @AfterEach void stop() {
    running.forEach(EtcdServer::close);
    assertThat(fatal).isEmpty();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static StoreCommand.Put put(String key, String value) {
    return new StoreCommand.Put("/1" + key, value, false, 0, false, StoreCommand.PrevExist.UNSET, "", 0,
        System.currentTimeMillis());
  }

  private static String valueAt(EtcdServer m, String key) {
    StoreResult r = m.server().store().get("/1" + key, false, false, System.currentTimeMillis());
    return r instanceof StoreResult.Ok ok ? ok.event().node().value() : null;
  }

  private Map<String, List<URI>> cluster(int size) throws IOException {
    Map<String, List<URI>> cluster = new LinkedHashMap<>();
    for (int i = 1; i <= size; i++) {
      cluster.put("m" + i, List.of(URI.create("http://127.0.0.1:" + freePort())));
    }
    return cluster;
  }

  private EtcdServer start(String name, Map<String, List<URI>> cluster, boolean existing) {
    MemberConfig config = new MemberConfig(name, dir.resolve(name), cluster, existing, "in-process",
        cluster.get(name), 10_000, 50, 500, HistoryLimits.of(1000), true, true);
    EtcdServer member = EtcdServer.create(config, new ArrayList<>(List.of(URI.create("http://" + name + ":2379"))),
        fatal::add, () -> { });
    member.start();
    running.add(member);
    return member;
  }

  private Optional<EtcdServer> leader() {
    return running.stream().filter(m -> m.server().status().role() == StateRole.LEADER).findFirst();
  }

  @Test void threeMembersFormOneClusterAndReplicateAWriteMadeOnAFollower() throws IOException {
    Map<String, List<URI>> cluster = cluster(3);
    cluster.keySet().forEach(name -> start(name, cluster, false));
    await().atMost(Duration.ofSeconds(20)).until(() -> leader().isPresent());
    EtcdServer follower = running.stream().filter(m -> m != leader().orElseThrow()).findFirst().orElseThrow();
    assertThat(follower.server().propose(put("/a", "1"))).succeedsWithin(Duration.ofSeconds(10));
    await().atMost(Duration.ofSeconds(10)).until(() -> running.stream().allMatch(m -> "1".equals(valueAt(m, "/a"))));
    assertThat(follower.server().members()).hasSize(3).allMatch(m -> !m.name().isEmpty());
    assertThat(running.stream().map(m -> m.clusterId()).distinct()).hasSize(1);
  }

  @Test void whenTheLeaderStopsAnotherLeadsAndEveryAcknowledgedWriteIsKept() throws IOException {
    Map<String, List<URI>> cluster = cluster(3);
    cluster.keySet().forEach(name -> start(name, cluster, false));
    await().atMost(Duration.ofSeconds(20)).until(() -> leader().isPresent());
    EtcdServer first = leader().orElseThrow();
    for (int i = 0; i < 20; i++) {
      assertThat(first.server().propose(put("/k" + i, "v" + i))).succeedsWithin(Duration.ofSeconds(10));
    }
    first.close(); // a graceful stop hands leadership over first
    running.remove(first);
    await().atMost(Duration.ofSeconds(10)).until(() -> leader().isPresent());
    EtcdServer second = leader().orElseThrow();
    assertThat(second.server().propose(put("/after", "x"))).succeedsWithin(Duration.ofSeconds(10));
    for (int i = 0; i < 20; i++) {
      assertThat(valueAt(second, "/k" + i)).isEqualTo("v" + i);
    }
  }

  @Test void aMemberAddedAtRuntimeJoinsFromAPeerAndCatchesUp() throws IOException {
    Map<String, List<URI>> cluster = cluster(3);
    cluster.keySet().forEach(name -> start(name, cluster, false));
    await().atMost(Duration.ofSeconds(20)).until(() -> leader().isPresent());
    EtcdServer leader = leader().orElseThrow();
    assertThat(leader.server().propose(put("/before", "x"))).succeedsWithin(Duration.ofSeconds(10));
    URI newPeer = URI.create("http://127.0.0.1:" + freePort());
    assertThat(leader.server().addMember(List.of(newPeer))).succeedsWithin(Duration.ofSeconds(10));
    Map<String, List<URI>> grown = new LinkedHashMap<>(cluster);
    grown.put("m4", List.of(newPeer));
    EtcdServer joiner = start("m4", grown, true);
    await().atMost(Duration.ofSeconds(20)).until(() -> "x".equals(valueAt(joiner, "/before")));
    await().atMost(Duration.ofSeconds(20)).until(() -> leader.server().members().stream()
        .anyMatch(m -> m.id() == joiner.memberId() && !m.learner() && m.name().equals("m4")));
    assertThat(joiner.clusterId()).isEqualTo(leader.clusterId());
  }
}
