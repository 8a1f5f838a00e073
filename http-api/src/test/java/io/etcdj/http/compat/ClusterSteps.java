package io.etcdj.http.compat;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The step kinds of a cluster recording that act on the cluster rather than ask one member:
 * {@code settle} (wait until every live member reports the same indexes, then check them
 * against the recorded ones), {@code kill} and {@code awaitNoLeader}. Owned by the test thread.
 */
final class ClusterSteps implements ExtraSteps {
  private static final Duration SETTLE_WITHIN = Duration.ofSeconds(10);
  private static final Duration LEADER_LOST_WITHIN = Duration.ofSeconds(30);
  private static final int READ_TIMEOUT_MS = 5_000;

  private final ReplayCluster cluster;
  private final ReplayTargets targets;
  private final RaftIndexTracker raftIndex;

  ClusterSteps(ReplayCluster cluster, RaftIndexTracker raftIndex) {
    this.cluster = cluster;
    this.targets = cluster.targets();
    this.raftIndex = raftIndex;
  }

  @Override public Optional<String> skipped(JsonNode step) { return ClusterDeviations.of(step); }

  @Override public Optional<List<String>> run(JsonNode step) {
    return switch (step.get("kind").asText()) {
      case "settle" -> Optional.of(settle(step));
      case "kill" -> {
        List<String> names = new ArrayList<>();
        step.get("members").forEach(n -> names.add(n.asText()));
        cluster.kill(names);
        yield Optional.of(List.of());
      }
      case "awaitNoLeader" -> Optional.of(awaitNoLeader(step.get("member").asText()));
      default -> Optional.empty();
    };
  }

  /** Indexes a plain GET reports on each live member; a plain GET does not go through Raft. */
  private Map<String, List<Long>> indexes() {
    Map<String, List<Long>> seen = new LinkedHashMap<>();
    for (String name : cluster.alive()) {
      WireResponse r = get(name, "/v2/keys/");
      seen.put(name, List.of(Long.parseLong(r.header("X-Raft-Index").orElse("-1")),
          Long.parseLong(r.header("X-Etcd-Index").orElse("-1"))));
    }
    return seen;
  }

  private List<String> settle(JsonNode step) {
    List<Map<String, List<Long>>> last = new ArrayList<>(List.of(Map.of()));
    try {
      await().atMost(SETTLE_WITHIN).pollInterval(Duration.ofMillis(10)).until(() -> {
        last.set(0, indexes());
        return last.get(0).values().stream().distinct().count() == 1;
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return List.of("members did not converge within " + SETTLE_WITHIN + ": " + last.get(0));
    }
    List<Long> reached = last.get(0).values().iterator().next();
    List<String> diffs = new ArrayList<>();
    raftIndex.check(step.get("name").asText(), step.get("raftIndex").asLong(), reached.get(0), false)
        .ifPresent(diffs::add);
    if (reached.get(1) != step.get("etcdIndex").asLong()) {
      diffs.add("settled at X-Etcd-Index " + reached.get(1) + ", etcd at " + step.get("etcdIndex").asLong());
    }
    return diffs;
  }

  private List<String> awaitNoLeader(String member) {
    try {
      await().atMost(LEADER_LOST_WITHIN).pollInterval(Duration.ofMillis(10))
          .until(() -> get(member, "/v2/members/leader").status() == 503);
      return List.of();
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return List.of(member + " still named a leader " + LEADER_LOST_WITHIN + " after two of three members were killed");
    }
  }

  private WireResponse get(String member, String path) {
    ReplayTargets.Target t = targets.of(member);
    try (WireConnection conn = WireConnection.open(t.host(), t.port(), READ_TIMEOUT_MS)) {
      conn.send(("GET " + path + " HTTP/1.1\r\nHost: " + t.hostPort() + "\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      WireResponse head = conn.readHead("GET");
      return new WireResponse(head.status(), head.reason(), head.headers(), conn.readBody());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
