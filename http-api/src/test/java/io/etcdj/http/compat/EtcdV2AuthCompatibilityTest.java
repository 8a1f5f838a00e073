package io.etcdj.http.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcdj.http.EtcdjServer;
import io.etcdj.http.ServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcdj must answer every v2 request exactly as etcd 3.4 does. Replays the answers recorded from
 * a real etcd 3.4.23 (tools/etcd-fixtures/record.py) against one fresh in-process etcdj with the
 * same member name, peer URL and cluster token (so the same member and cluster ids), one
 * dynamic test per scenario, in recorded order.
 */
class EtcdV2AuthCompatibilityTest {
  @TempDir static Path dataDir;

  private static final String AUTH_ROOT = FixtureScenario.ROOT + "auth/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EtcdjServer server;
  private static ScenarioReplayer replayer;

  /**
   * -Detcdj.compat.target=127.0.0.1:23379 replays against that server instead of an in-process
   * etcdj (a fresh etcd from tools/etcd-fixtures/record.py --serve-fresh).
   */
  private static final String EXTERNAL_TARGET = System.getProperty("etcdj.compat.target", "");

  @BeforeAll
  static void startFreshMember() {
    if (!EXTERNAL_TARGET.isEmpty()) {
      URI target = URI.create("http://" + EXTERNAL_TARGET);
      replayer = new ScenarioReplayer(target.getHost(), target.getPort(), JSON);
      return;
    }
    server = EtcdjServer.start(ServerConfig.parse(
        "--name", "default", "--data-dir", dataDir.resolve("member-data").toString(),
        "--listen-client-urls", "http://127.0.0.1:0",
        "--advertise-client-urls", "http://127.0.0.1:23379",
        "--listen-peer-urls", "http://127.0.0.1:0",
        "--initial-advertise-peer-urls", "http://127.0.0.1:23380",
        "--initial-cluster", "default=http://127.0.0.1:23380",
        "--initial-cluster-token", "etcd-cluster",
        "--watch-history", "1000",
        // etcd 3.4 puts every quorum read through its log; replaying its X-Raft-Index needs the same
        "--quorum-read", "log"));
    URI client = server.clientUrls().get(0);
    replayer = new ScenarioReplayer(client.getHost(), client.getPort(), JSON);
  }

  @AfterAll
  static void stopMember() {
    if (server != null) {
      server.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> answersEveryRecordedAuthRequestAsEtcd34Does() {
    return FixtureScenario.loadAll(JSON, AUTH_ROOT).stream().map(scenario -> DynamicTest.dynamicTest(
        scenario.file() + " " + scenario.name(), () -> {
          List<String> differences = replayer.replay(scenario);
          assertThat(differences)
              .withFailMessage(() -> "etcdj differs from etcd 3.4 in scenario '" + scenario.name() + "' ("
                  + scenario.description() + "):\n" + String.join("\n", differences))
              .isEmpty();
        }));
  }
}
