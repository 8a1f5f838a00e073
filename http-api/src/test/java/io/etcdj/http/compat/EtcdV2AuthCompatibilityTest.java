package io.etcdj.http.compat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcdj must answer every v2 auth request exactly as etcd 3.4 does: the auth scenarios recorded
 * from a real etcd 3.4.23 (tools/etcd-fixtures/record.py --auth) replayed against their own fresh
 * member, since enabling auth changes every request after it (see {@link SingleMemberReplay}).
 */
class EtcdV2AuthCompatibilityTest {
  @TempDir static Path dataDir;
  private static SingleMemberReplay replay;

  @BeforeAll static void startFreshMember() { replay = SingleMemberReplay.start(dataDir); }

  @AfterAll static void stopMember() { replay.close(); }

  @TestFactory
  Stream<DynamicTest> answersEveryRecordedAuthRequestAsEtcd34Does() {
    return replay.scenarios(FixtureScenario.ROOT + "auth/");
  }
}
