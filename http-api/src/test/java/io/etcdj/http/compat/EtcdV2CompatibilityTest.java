package io.etcdj.http.compat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcdj must answer every v2 request exactly as etcd 3.4 does. Replays the answers recorded from
 * a real etcd 3.4.23 (tools/etcd-fixtures/record.py) against one fresh member, one dynamic test
 * per scenario, in recorded order (see {@link SingleMemberReplay}).
 */
class EtcdV2CompatibilityTest {
  @TempDir static Path dataDir;
  private static SingleMemberReplay replay;

  @BeforeAll static void startFreshMember() { replay = SingleMemberReplay.start(dataDir); }

  @AfterAll static void stopMember() { replay.close(); }

  @TestFactory
  Stream<DynamicTest> answersEveryRecordedRequestAsEtcd34Does() {
    return replay.scenarios(FixtureScenario.ROOT);
  }
}
