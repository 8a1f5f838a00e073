package io.etcdj.http.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** What the members hold under a directory, and the checks that no acknowledged write is lost. */
final class Replicas {
  /** A key as a member stores it. */
  record Stored(String value, long modifiedIndex) {}

  private Replicas() {}

  /**
   * On {@code member}: a quorum GET of {@code dir} (linearizable: the member first applies
   * everything the leader had committed), then a plain GET of it (its local store, which can
   * only have moved forward since). In both, every acknowledged write must be present with its
   * value and modifiedIndex. Returns what the plain GET showed.
   */
  static Map<String, Stored> assertHoldsEveryAck(ProcessCluster cluster, MemberProcess member, String dir,
                                                 Collection<WriteLoad.Ack> acks) {
    V2Http http = cluster.http();
    AtomicReference<V2Http.Answer> quorum = new AtomicReference<>();
    await("a quorum read of " + dir + " on " + member.name()).atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
          quorum.set(http.getRecursive(member.clientUrl(), dir, true));
          return quorum.get().status() == 200;
        });
    assertNoAckMissing(member, "quorum GET", parse(quorum.get()), acks);
    Map<String, Stored> local = parse(http.getRecursive(member.clientUrl(), dir, false));
    assertNoAckMissing(member, "plain GET", local, acks);
    return local;
  }

  /** Every member holds every acknowledged write, and after the load stopped all hold exactly the same keys. */
  static void assertEveryMemberHoldsEveryAck(ProcessCluster cluster, String dir, Map<String, WriteLoad.Ack> acks) {
    assertEachHoldsEveryAck(cluster, cluster.members(), dir, acks);
  }

  /** As {@link #assertEveryMemberHoldsEveryAck}, on {@code members} only. */
  static void assertEachHoldsEveryAck(ProcessCluster cluster, List<MemberProcess> members, String dir,
                                      Map<String, WriteLoad.Ack> acks) {
    assertThat(acks).as("acknowledged writes").isNotEmpty();
    Map<Long, String> byIndex = new HashMap<>();
    for (WriteLoad.Ack ack : acks.values()) {
      String before = byIndex.put(ack.modifiedIndex(), ack.key());
      assertThat(before).as("two acknowledged writes answered with modifiedIndex %d", ack.modifiedIndex()).isNull();
    }
    Map<String, Stored> first = null;
    MemberProcess firstMember = null;
    for (MemberProcess member : members) {
      Map<String, Stored> held = assertHoldsEveryAck(cluster, member, dir, acks.values());
      if (first == null) {
        first = held;
        firstMember = member;
      } else {
        assertThat(held).as("%s holds what %s holds", member.name(), firstMember.name()).isEqualTo(first);
      }
    }
  }

  private static void assertNoAckMissing(MemberProcess member, String how, Map<String, Stored> held,
                                         Collection<WriteLoad.Ack> acks) {
    List<String> wrong = new ArrayList<>();
    for (WriteLoad.Ack ack : acks) {
      Stored stored = held.get(ack.key());
      if (stored == null || !stored.value().equals(ack.value()) || stored.modifiedIndex() != ack.modifiedIndex()) {
        wrong.add(ack + " -> " + stored);
      }
    }
    assertThat(wrong.size()).as("acknowledged writes missing or different on %s (%s of %d keys; log %s), e.g. %s",
        member.name(), how, held.size(), member.log(), wrong.subList(0, Math.min(20, wrong.size()))).isZero();
  }

  static Map<String, Stored> parse(V2Http.Answer answer) {
    assertThat(answer.status()).as("recursive GET: %s", answer).isEqualTo(200);
    Map<String, Stored> held = new HashMap<>();
    collect(answer.json().path("node"), held);
    return held;
  }

  private static void collect(JsonNode node, Map<String, Stored> into) {
    for (JsonNode child : node.path("nodes")) {
      if (child.path("dir").asBoolean(false)) {
        collect(child, into);
      } else {
        into.put(child.path("key").asText(), new Stored(child.path("value").asText(), child.path("modifiedIndex").asLong()));
      }
    }
  }
}
