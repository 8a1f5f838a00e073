package io.etcdj.http.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follower must answer every v2 request as a follower of an etcd 3.4 cluster does. Replays the
 * single-member suite's scenarios as tools/etcd-fixtures/record.py --follower recorded them
 * against m2 of a real 3-member etcd 3.4.23 cluster (m1 leading), against m2 of three in-process
 * etcdj members started as that cluster was, with the single-member suite's comparison rules.
 * Where a follower answers otherwise than a lone member (the leader's stats, the raft indexes of
 * a cluster), the recording says so, not this suite.
 */
class EtcdV2FollowerCompatibilityTest {
  @TempDir static Path dataDir;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROOT = "/etcd-fixtures/follower/";
  private static ReplayCluster cluster;
  private static ScenarioReplayer replayer;

  @BeforeAll
  static void startClusterAsRecorded() {
    cluster = ReplayCluster.start(FixtureScenario.index(JSON, ROOT), dataDir,
        // as the single-member suite: etcd's 1000-event history, and quorum reads through the log
        List.of("--watch-history", "1000", "--quorum-read", "log"), false);
    ReplayTargets.Target follower = cluster.recordedTarget();
    replayer = new ScenarioReplayer(follower.host(), follower.port(), JSON);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
      assertThat(cluster.fatalErrors()).isEmpty();
    }
  }

  @TestFactory
  Stream<DynamicTest> answersEveryRecordedRequestAsAnEtcd34FollowerDoes() {
    return FixtureScenario.loadAll(JSON, ROOT).stream().map(scenario -> DynamicTest.dynamicTest(
        scenario.file() + " " + scenario.name(), () -> {
          List<String> differences = replayer.replay(scenario);
          assertThat(differences)
              .withFailMessage(() -> "etcdj's follower differs from an etcd 3.4 follower in scenario '"
                  + scenario.name() + "' (" + scenario.description() + "):\n" + String.join("\n", differences))
              .isEmpty();
        }));
  }
}
