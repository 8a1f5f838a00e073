package io.etcdj.http.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcdj.http.EtcdjServer;
import io.etcdj.http.ServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * A one-member replay of recorded etcd 3.4.23 fixtures: a fresh in-process etcdj with the
 * recording's member name, peer URL and cluster token (so the same member and cluster ids), or,
 * with {@code -Detcdj.compat.target=127.0.0.1:23379}, the server there (a fresh etcd from
 * tools/etcd-fixtures/record.py --serve-fresh: every scenario must pass against it too, which
 * checks the fixtures and the replay themselves). Used from the JUnit thread.
 */
final class SingleMemberReplay implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXTERNAL_TARGET = System.getProperty("etcdj.compat.target", "");

  private final EtcdjServer server;
  private final ScenarioReplayer replayer;

  private SingleMemberReplay(EtcdjServer server, ScenarioReplayer replayer) {
    this.server = server;
    this.replayer = replayer;
  }

  static SingleMemberReplay start(Path dataDir) {
    if (!EXTERNAL_TARGET.isEmpty()) {
      URI target = URI.create("http://" + EXTERNAL_TARGET);
      return new SingleMemberReplay(null, new ScenarioReplayer(target.getHost(), target.getPort(), JSON));
    }
    EtcdjServer server = EtcdjServer.start(ServerConfig.parse(
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
    return new SingleMemberReplay(server, new ScenarioReplayer(client.getHost(), client.getPort(), JSON));
  }

  /** One dynamic test per scenario under {@code root}, in recorded order, each demanding etcd's answers. */
  Stream<DynamicTest> scenarios(String root) {
    return FixtureScenario.loadAll(JSON, root).stream().map(scenario -> DynamicTest.dynamicTest(
        scenario.file() + " " + scenario.name(), () -> {
          List<String> differences = replayer.replay(scenario);
          assertThat(differences)
              .withFailMessage(() -> "etcdj differs from etcd 3.4 in scenario '" + scenario.name() + "' ("
                  + scenario.description() + "):\n" + String.join("\n", differences))
              .isEmpty();
        }));
  }

  @Override public void close() {
    if (server != null) {
      server.close();
    }
  }
}
