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
 * A 3-member etcdj cluster must answer as a 3-member etcd 3.4 cluster does. Replays what
 * tools/etcd-fixtures/cluster.py recorded from real etcd 3.4.23 members (each step sent to the
 * member it was sent to) against three in-process etcdj members with the recorded names, URLs
 * and token, started as the recording's were (m1 leads in term 2), one dynamic test per scenario
 * in recorded order. JSON bodies must match byte for byte wherever nothing in them depends on
 * time. The deliberate deviations are in {@link ClusterDeviations}, and only there.
 */
class EtcdClusterCompatibilityTest {
  @TempDir static Path dataDir;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EtcdClusterCompatibilityTest.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROOT = "/etcd-fixtures/cluster/";
  private static ReplayCluster cluster;
  private static ScenarioReplayer replayer;

  @BeforeAll
  static void startClusterAsRecorded() {
    cluster = ReplayCluster.start(FixtureScenario.index(JSON, ROOT), dataDir,
        // etcd 3.4 puts every quorum read through its log; replaying its X-Raft-Index needs the same
        List.of("--quorum-read", "log"), true);
    RaftIndexTracker raftIndex = new RaftIndexTracker();
    replayer = new ScenarioReplayer(cluster.targets(), new ClusterSteps(cluster, raftIndex), raftIndex, JSON, true);
  }

  @AfterAll
  static void stopCluster() {
    if (replayer != null) {
      LOG.info("steps not replayed (deviations, see ClusterDeviations): {}", replayer.skipped());
    }
    if (cluster != null) {
      cluster.close();
      assertThat(cluster.fatalErrors()).isEmpty();
    }
  }

  @TestFactory
  Stream<DynamicTest> answersEveryRecordedRequestAsAnEtcd34ClusterDoes() {
    return FixtureScenario.loadAll(JSON, ROOT).stream().map(scenario -> DynamicTest.dynamicTest(
        scenario.file() + " " + scenario.name(), () -> {
          List<String> differences = replayer.replay(scenario);
          assertThat(differences)
              .withFailMessage(() -> "etcdj differs from an etcd 3.4 cluster in scenario '" + scenario.name()
                  + "' (" + scenario.description() + "):\n" + String.join("\n", differences))
              .isEmpty();
        }));
  }
}
