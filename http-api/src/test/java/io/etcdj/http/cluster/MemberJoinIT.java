package io.etcdj.http.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member added at runtime to a cluster whose log was compacted long ago: it can only catch up
 * from the leader's snapshot. It joins as a learner, is promoted, and then counts in the quorum.
 */
class MemberJoinIT {
  private static final String DIR = "/join";
  private static final int SNAPSHOT_COUNT = 100;

  @TempDir Path data;

  @Test void aMemberAddedAtRuntimeCatchesUpBySnapshotAndBecomesAVoter(TestInfo test) {
    try (ProcessCluster cluster = ProcessCluster.start(
        ProcessCluster.Options.of(3, data, test).withSnapshotCount(SNAPSHOT_COUNT))) {
      V2Http http = cluster.http();
      WriteLoad load = WriteLoad.start(http, cluster.members(), DIR, 3);
      load.awaitMoreAcknowledged(6 * SNAPSHOT_COUNT);
      Map<String, WriteLoad.Ack> acked = load.stop();
      MemberProcess leader = cluster.awaitLeader(cluster.members());
      // The log is compacted up to the snapshot before the newest: with three saved, entry 1 is long gone.
      await("the leader's snapshots").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> http.metric(leader.clientUrl(), "etcdj_snapshots_saved_total").orElse(0) >= 3);

      MemberProcess joiner = cluster.prepareJoiner("m4");
      MemberProcess asked = cluster.others(leader).get(0);
      V2Http.Answer added = http.addMember(asked.clientUrl(), joiner.advertisedPeerUrl());
      assertThat(added.status()).as("POST /v2/members on %s: %s", asked.name(), added).isEqualTo(201);
      String idHex = added.json().path("id").asText();
      cluster.joined(joiner, Long.parseUnsignedLong(idHex, 16));
      joiner.start();
      cluster.awaitHealthy(joiner);

      await("m4 listed with its name and client URL by every member").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> cluster.members().stream()
              .allMatch(m -> listedAsPublished(http.members(m.clientUrl()), idHex, joiner)));
      await("m4 promoted from learner to voter").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> http.metric(joiner.clientUrl(), "etcd_server_is_learner").orElse(-1) == 0);
      assertThat(http.metric(joiner.clientUrl(), "etcdj_snapshots_received_total").orElse(0))
          .as("snapshots m4 received from the leader").isGreaterThan(0);
      Replicas.assertHoldsEveryAck(cluster, joiner, DIR, acked.values());

      // It votes: with one original member removed and another killed, the cluster of three
      // voters {original, killed, m4} still has a majority only if m4 counts in it.
      MemberProcess removed = cluster.others(leader).stream().filter(m -> m != asked).findFirst().orElseThrow();
      V2Http.Answer removal = http.removeMember(asked.clientUrl(), Long.toHexString(cluster.id(removed)));
      assertThat(removal.status()).as("DELETE of %s: %s", removed.name(), removal).isEqualTo(204);
      assertThat(removed.awaitExit(30)).as("exit status of the removed %s", removed.name()).isZero();
      assertThat(leader.kill()).isEqualTo(MemberProcess.KILLED_BY_SIGKILL);
      AtomicInteger attempt = new AtomicInteger();
      await("a write committed by " + asked.name() + " and m4 alone").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
          .until(() -> http.put(joiner.clientUrl(), DIR + "/after-" + attempt.incrementAndGet(), "x").status() == 201);
    }
  }

  private static boolean listedAsPublished(List<JsonNode> members, String idHex, MemberProcess joiner) {
    return members.stream().anyMatch(m -> m.path("id").asText().equals(idHex)
        && m.path("name").asText().equals(joiner.name())
        && m.path("clientURLs").size() == 1
        && m.path("clientURLs").get(0).asText().equals(joiner.clientUrl().toString())
        && m.path("peerURLs").get(0).asText().equals(joiner.advertisedPeerUrl().toString()));
  }
}
