package io.etcdj.http.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network partitions between three real members, made by a {@link PeerLinkProxy} every peer
 * connection passes through, under a write load on every member. A member cut off from the
 * other two serves no quorum read and acknowledges no write; the two elect (or keep) a leader
 * and go on; once healed, the cut-off member catches up and no acknowledged write is missing
 * anywhere. Meanwhile no quorum read anywhere is stale ({@link RegisterCheck}).
 */
class PartitionIT {
  private static final String DIR = "/partition";
  private static final int SNAPSHOT_COUNT = 200;

  @TempDir Path data;

  /** Snapshots every 200 entries, so that a member cut off while 600 entries commit is caught up by snapshot. */
  private ProcessCluster.Options options(TestInfo test) {
    return ProcessCluster.Options.of(3, data, test).withSnapshotCount(SNAPSHOT_COUNT).throughProxy();
  }

  @Test void aMemberCutOffFromTheOtherTwoServesNoQuorumReadNorWriteAndCatchesUpWhenHealed(TestInfo test) {
    try (ProcessCluster cluster = ProcessCluster.start(options(test))) {
      WriteLoad load = WriteLoad.start(cluster.http(), cluster.members(), DIR, 3);
      RegisterCheck register = RegisterCheck.start(cluster.http(), cluster.members(), "/register", 2);
      load.awaitMoreAcknowledged(100);

      Map<String, WriteLoad.Ack> acked = new HashMap<>();
      MemberProcess leader = cluster.awaitLeader(cluster.members());
      MemberProcess elected = isolate(cluster, load, leader, acked);
      assertThat(elected).as("the majority elected a leader of its own").isNotSameAs(leader);

      // the member that was in the majority the first time
      MemberProcess follower = cluster.others(elected).stream().filter(m -> m != leader).findFirst().orElseThrow();
      MemberProcess kept = isolate(cluster, load, follower, acked);
      assertThat(kept).as("with a follower cut off, the other two keep their leader").isSameAs(elected);

      acked.putAll(load.stop());
      assertNoStaleRead(register);
      Replicas.assertEveryMemberHoldsEveryAck(cluster, DIR, acked);
    }
  }

  /**
   * Cuts {@code minority} off from the other two (both directions), checks both sides while 600
   * more entries commit on the majority (three snapshot intervals: the minority's next entry is
   * compacted away), heals, and waits until the minority caught up, by snapshot. Returns the
   * majority's leader during the cut; the acknowledged writes made for it go to {@code acked}.
   */
  private static MemberProcess isolate(ProcessCluster cluster, WriteLoad load, MemberProcess minority,
                                       Map<String, WriteLoad.Ack> acked) {
    List<MemberProcess> majority = cluster.others(minority);
    V2Http http = cluster.http();
    double snapshotsBefore = http.metric(minority.clientUrl(), "etcdj_snapshots_received_total").orElse(0);
    cluster.proxy().isolate(cluster.id(minority), cluster.ids(majority));
    long cutNanos = System.nanoTime();
    // Asked at once: no quorum read or write begun after the cut may succeed on the minority,
    // even on a leader that has not noticed yet (ReadIndex needs a majority's heartbeat answers).
    CompletableFuture<V2Http.Answer> quorumRead = http.getAsync(minority.clientUrl(), DIR, true);
    CompletableFuture<V2Http.Answer> write = http.putAsync(minority.clientUrl(), DIR + "/on-the-minority", "x");

    MemberProcess leader = cluster.awaitLeader(majority);
    WriteLoad.Ack during = load.awaitAckSentAfter(cutNanos, Duration.ofSeconds(30));
    assertThat(during.member()).as("who acknowledged a write sent after %s was cut off", minority.name())
        .isIn(majority.stream().map(MemberProcess::name).toList());
    System.out.printf("%s cut off: majority leader %s; first write sent after the cut acknowledged %d ms after it%n",
        minority.name(), leader.name(), (during.ackedNanos() - cutNanos) / 1_000_000);
    // Writers to the minority are stuck there; these write to the majority only.
    WriteLoad majorityLoad = WriteLoad.start(http, majority, DIR + "/while-" + minority.name() + "-cut-off", 2);
    majorityLoad.awaitMoreAcknowledged(3 * SNAPSHOT_COUNT);
    acked.putAll(majorityLoad.stop());
    assertThat(http.get(minority.clientUrl(), during.key(), false).status())
        .as("a plain GET on %s of a key written while it was cut off", minority.name()).isEqualTo(404);
    assertFails(quorumRead, "quorum read on the cut-off " + minority.name());
    assertFails(write, "write on the cut-off " + minority.name());

    cluster.proxy().healAll();
    System.out.printf("%s was cut off for %d ms%n", minority.name(), (System.nanoTime() - cutNanos) / 1_000_000);
    awaitKey(cluster, minority, during.key());
    assertThat(http.metric(minority.clientUrl(), "etcdj_snapshots_received_total").orElse(0))
        .as("snapshots received by %s", minority.name()).isGreaterThan(snapshotsBefore);
    cluster.awaitLeader(cluster.members());
    load.awaitMoreAcknowledged(50);
    return leader;
  }

  /**
   * Cutting only the leader's messages to one follower: that follower hears nothing and asks for
   * (pre-)votes, but the other follower still hears the leader and refuses, so the leader stays
   * and the term does not move; the cut-off follower serves no quorum read (the leader's answer
   * cannot reach it); once healed it catches up, and no acknowledged write is lost.
   */
  @Test void aOneWayCutFromTheLeaderToAFollowerNeitherDeposesTheLeaderNorLosesWrites(TestInfo test) {
    try (ProcessCluster cluster = ProcessCluster.start(options(test))) {
      WriteLoad load = WriteLoad.start(cluster.http(), cluster.members(), DIR, 3);
      RegisterCheck register = RegisterCheck.start(cluster.http(), cluster.members(), "/register", 2);
      load.awaitMoreAcknowledged(100);
      MemberProcess leader = cluster.awaitLeader(cluster.members());
      long term = cluster.term(leader);
      MemberProcess deaf = cluster.others(leader).get(0);
      MemberProcess other = cluster.others(leader).get(1);

      cluster.proxy().cut(cluster.id(leader), cluster.id(deaf));
      long cutNanos = System.nanoTime();
      V2Http http = cluster.http();
      CompletableFuture<V2Http.Answer> quorumRead = http.getAsync(deaf.clientUrl(), DIR, true);
      // Longer than two election timeouts (1-2 s each, randomised): the deaf follower campaigns meanwhile.
      await("leader and term unchanged").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> cluster.agreedLeader(List.of(leader, other)).orElse(null) == leader
              && cluster.term(leader) == term && cluster.term(other) == term);

      WriteLoad.Ack during = load.awaitAckSentAfter(cutNanos, Duration.ofSeconds(30));
      assertThat(http.get(deaf.clientUrl(), during.key(), false).status())
          .as("a plain GET on %s of a key written after the leader's messages to it were cut", deaf.name())
          .isEqualTo(404);
      assertFails(quorumRead, "quorum read on " + deaf.name() + ", which hears nothing from the leader");

      cluster.proxy().healAll();
      awaitKey(cluster, deaf, during.key());
      assertThat(cluster.awaitLeader(cluster.members())).as("leader after healing").isSameAs(leader);
      assertThat(cluster.term(leader)).as("term after healing").isEqualTo(term);

      Map<String, WriteLoad.Ack> acked = load.stop();
      assertNoStaleRead(register);
      Replicas.assertEveryMemberHoldsEveryAck(cluster, DIR, acked);
    }
  }

  private static void assertNoStaleRead(RegisterCheck register) {
    List<String> staleReads = register.stop();
    System.out.printf("register: %d acknowledged writes, %d quorum reads%n", register.acknowledgedWrites(),
        register.quorumReads());
    assertThat(staleReads).as("stale reads of the register").isEmpty();
    assertThat(register.quorumReads()).as("quorum reads of the register answered").isPositive();
  }

  /** The request got no success: an error status, or no answer at all (reset, timeout). */
  private static void assertFails(CompletableFuture<V2Http.Answer> request, String what) {
    long started = System.nanoTime();
    try {
      V2Http.Answer answer = request.join();
      System.out.printf("%s: answered %s (waited %d ms more)%n", what, answer.toString().strip(),
          (System.nanoTime() - started) / 1_000_000);
      assertThat(answer.ok()).as("%s answered %s", what, answer).isFalse();
    } catch (CompletionException e) {
      System.out.printf("%s: no answer (%s)%n", what, e.getCause());
    }
  }

  private static void awaitKey(ProcessCluster cluster, MemberProcess member, String key) {
    await(member.name() + " catches up with " + key).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .ignoreExceptions().until(() -> cluster.http().get(member.clientUrl(), key, false).status() == 200);
  }
}
