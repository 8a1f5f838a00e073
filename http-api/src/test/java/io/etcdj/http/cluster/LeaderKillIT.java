package io.etcdj.http.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of the leader, again and again, under a write load on every member: each time a new
 * leader takes writes, the killed member comes back on its data dir, and at the end every
 * acknowledged write is on every member, the killed-and-restarted ones included. Meanwhile no
 * quorum read is stale ({@link RegisterCheck}).
 */
class LeaderKillIT {
  private static final String DIR = "/kills";
  private static final int KILLS = 4;

  @TempDir Path data;

  @Test void everyAcknowledgedWriteSurvivesRepeatedLeaderKillsOnEveryMember(TestInfo test) {
    // Snapshots every 200 entries: a member down for a few seconds under load comes back behind
    // the leader's compacted log and is caught up by snapshot, as well as by entries.
    try (ProcessCluster cluster = ProcessCluster.start(ProcessCluster.Options.of(3, data, test).withSnapshotCount(200))) {
      WriteLoad load = WriteLoad.start(cluster.http(), cluster.members(), DIR, 4);
      RegisterCheck register = RegisterCheck.start(cluster.http(), cluster.members(), "/register", 2);
      load.awaitMoreAcknowledged(200);
      for (int kill = 1; kill <= KILLS; kill++) {
        MemberProcess leader = cluster.awaitLeader(cluster.members());
        assertThat(leader.kill()).as("exit status of %s after SIGKILL", leader.name())
            .isEqualTo(MemberProcess.KILLED_BY_SIGKILL);
        long gone = System.nanoTime();

        WriteLoad.Ack first = load.awaitAckSentAfter(gone, Duration.ofSeconds(30)); // a new leader committed it
        MemberProcess next = cluster.awaitLeader(cluster.running());
        assertThat(next).as("the new leader after kill %d", kill).isNotSameAs(leader);
        System.out.printf("kill %d: SIGKILL of leader %s; first write sent after it acknowledged (by %s) %d ms later;"
            + " new leader %s%n", kill, leader.name(), first.member(), (first.ackedNanos() - gone) / 1_000_000,
            next.name());

        leader.start();
        cluster.awaitHealthy(leader);
        load.awaitMoreAcknowledged(100);
      }
      Map<String, WriteLoad.Ack> acked = load.stop();
      List<String> staleReads = register.stop();
      System.out.printf("register: %d acknowledged writes, %d quorum reads%n", register.acknowledgedWrites(),
          register.quorumReads());
      assertThat(staleReads).as("stale reads of the register").isEmpty();
      assertThat(register.quorumReads()).as("quorum reads of the register answered").isPositive();
      assertThat(acked).hasSizeGreaterThan(200 + KILLS * 100);
      System.out.printf("%d acknowledged writes to check on %d members%n", acked.size(), cluster.members().size());
      cluster.awaitLeader(cluster.members());
      Replicas.assertEveryMemberHoldsEveryAck(cluster, DIR, acked);
    }
  }

  /** All three members SIGKILLed at once mid-load and restarted: nothing acknowledged is lost. */
  @Test void everyAcknowledgedWriteSurvivesSigkillOfEveryMemberAtOnce(TestInfo test) {
    try (ProcessCluster cluster = ProcessCluster.start(ProcessCluster.Options.of(3, data, test).withSnapshotCount(200))) {
      WriteLoad load = WriteLoad.start(cluster.http(), cluster.members(), DIR, 4);
      load.awaitMoreAcknowledged(500);
      for (MemberProcess m : cluster.members()) {
        assertThat(m.kill()).as("exit status of %s after SIGKILL", m.name()).isEqualTo(MemberProcess.KILLED_BY_SIGKILL);
      }
      Map<String, WriteLoad.Ack> acked = load.stop();

      cluster.members().forEach(MemberProcess::start);
      cluster.members().forEach(cluster::awaitHealthy);
      cluster.awaitLeader(cluster.members());
      Replicas.assertEveryMemberHoldsEveryAck(cluster, DIR, acked);
    }
  }
}
