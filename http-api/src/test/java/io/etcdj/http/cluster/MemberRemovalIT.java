package io.etcdj.http.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * DELETE /v2/members/&lt;id&gt;: a removed member's process exits by itself (status 0, as etcd's),
 * whether it applies its own removal or was down and learns of it from its peers on restart.
 */
class MemberRemovalIT {
  private static final String DIR = "/removal";

  @TempDir Path data;

  @Test void aRemovedLeaderStopsItselfAndTheOtherTwoKeepServing(TestInfo test) {
    try (ProcessCluster cluster = ProcessCluster.start(ProcessCluster.Options.of(3, data, test))) {
      V2Http http = cluster.http();
      MemberProcess leader = cluster.awaitLeader(cluster.members());
      List<MemberProcess> remaining = cluster.others(leader);
      WriteLoad load = WriteLoad.start(http, remaining, DIR, 2);
      load.awaitMoreAcknowledged(100);

      V2Http.Answer removal = http.removeMember(remaining.get(0).clientUrl(), Long.toHexString(cluster.id(leader)));
      assertThat(removal.status()).as("DELETE of the leader %s: %s", leader.name(), removal).isEqualTo(204);
      assertThat(leader.awaitExit(30)).as("exit status of the removed %s", leader.name()).isZero();

      cluster.awaitLeader(remaining);
      String removedId = Long.toHexString(cluster.id(leader));
      for (MemberProcess m : remaining) {
        assertThat(http.members(m.clientUrl())).as("members listed by %s", m.name()).hasSize(2)
            .noneMatch(json -> json.path("id").asText().equals(removedId));
      }
      load.awaitMoreAcknowledged(100);
      Map<String, WriteLoad.Ack> acked = load.stop();
      for (MemberProcess m : remaining) {
        V2Http.Answer write = http.put(m.clientUrl(), DIR + "/after-on-" + m.name(), "x");
        assertThat(write.status()).as("write on %s after the removal: %s", m.name(), write).isEqualTo(201);
      }
      Replicas.assertEachHoldsEveryAck(cluster, remaining, DIR, acked);
    }
  }

  /**
   * A member removed while it was down never applies its removal; restarted, it is refused by
   * its peers as removed and must stop rather than linger without a leader. The peers are
   * themselves restarted after many snapshots, so they know of the removal from their store only.
   */
  @Test void aMemberRemovedWhileDownStopsItselfWhenRestarted(TestInfo test) {
    try (ProcessCluster cluster = ProcessCluster.start(ProcessCluster.Options.of(3, data, test).withSnapshotCount(20))) {
      V2Http http = cluster.http();
      MemberProcess leader = cluster.awaitLeader(cluster.members());
      MemberProcess down = cluster.others(leader).get(0);
      List<MemberProcess> survivors = cluster.others(down);
      assertThat(down.kill()).isEqualTo(MemberProcess.KILLED_BY_SIGKILL);
      V2Http.Answer removal = http.removeMember(leader.clientUrl(), Long.toHexString(cluster.id(down)));
      assertThat(removal.status()).as("DELETE of %s: %s", down.name(), removal).isEqualTo(204);

      WriteLoad load = WriteLoad.start(http, survivors, DIR, 2);
      load.awaitMoreAcknowledged(200); // ten snapshots: the removal is far behind the newest
      Map<String, WriteLoad.Ack> acked = load.stop();
      for (MemberProcess m : survivors) {
        assertThat(m.kill()).isEqualTo(MemberProcess.KILLED_BY_SIGKILL);
      }
      survivors.forEach(MemberProcess::start);
      survivors.forEach(cluster::awaitHealthy);

      down.start();
      assertThat(down.awaitExit(60)).as("exit status of %s, restarted after its removal", down.name()).isZero();
      cluster.awaitLeader(survivors);
      for (MemberProcess m : survivors) {
        assertThat(http.members(m.clientUrl())).as("members listed by %s", m.name()).hasSize(2);
      }
      Replicas.assertEachHoldsEveryAck(cluster, survivors, DIR, acked);
    }
  }
}
