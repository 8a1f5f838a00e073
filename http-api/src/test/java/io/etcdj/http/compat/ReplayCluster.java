package io.etcdj.http.compat;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcdj.http.EtcdjServer;
import io.etcdj.http.ServerConfig;
import io.etcdj.raft.StateRole;
import io.etcdj.server.ServerV2;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The etcdj cluster a cluster recording is replayed against: one in-process member per recorded
 * member, with the recorded names, client and peer URLs and token (so the same member and
 * cluster ids), started together on fresh data and settled as the recorder settled etcd: every
 * member published, the same indexes everywhere, the recorded leader in the recorded term.
 * Owned by the test thread.
 */
final class ReplayCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplayCluster.class);
  private static final int START_ATTEMPTS = 3;

  /**
   * etcd's recorder restarted its cluster until the recorded leader won the first election.
   * Here the other members wait twice as long before they campaign, so the recorded leader's
   * election timer (etcd's default, 1 s) always runs out first; a start that still ends
   * otherwise (a stalled machine) is started afresh.
   */
  static final String FOLLOWER_ELECTION_TIMEOUT_MS = "2000";

  private final JsonNode index;
  private final Path root;
  private final List<String> extraFlags;
  private final Map<String, EtcdjServer> running = new LinkedHashMap<>();
  private final List<Throwable> fatal = new CopyOnWriteArrayList<>();

  private ReplayCluster(JsonNode index, Path root, List<String> extraFlags) {
    this.index = index;
    this.root = root;
    this.extraFlags = extraFlags;
  }

  /**
   * Starts the members {@code index} (a cluster fixture's index.json) describes, with
   * {@code extraFlags} added to each, until the recorded start state is reached; with
   * {@code reconfigurable}, also until every member would accept a member add, as the cluster
   * recording waited before its first scenario.
   */
  static ReplayCluster start(JsonNode index, Path root, List<String> extraFlags, boolean reconfigurable) {
    ReplayCluster cluster = new ReplayCluster(index, root, extraFlags);
    JsonNode start = index.get("start");
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      cluster.startAll(attempt);
      Settled settled = cluster.awaitSettled();
      if (settled.leader().equals(start.get("leader").asText()) && settled.term() == start.get("term").asLong()
          && settled.raftIndex() == start.get("raftIndex").asLong()
          && settled.etcdIndex() == start.get("etcdIndex").asLong()) {
        if (reconfigurable) {
          cluster.awaitReconfigurable();
        }
        return cluster;
      }
      LOG.warn("start {}: {}, not the recorded start state {}; starting afresh", attempt, settled, start);
      cluster.closeAll();
    }
    throw new IllegalStateException("no start reached the recorded start state in " + START_ATTEMPTS + " attempts");
  }

  private record Settled(String leader, long term, long raftIndex, long etcdIndex) {}

  private void startAll(int attempt) {
    String leader = index.get("start").get("leader").asText();
    List<CompletableFuture<Map.Entry<String, EtcdjServer>>> starting = new ArrayList<>();
    for (JsonNode member : index.get("members")) {
      String name = member.get("name").asText();
      ServerConfig config = ServerConfig.parse(flags(member, root.resolve("attempt-" + attempt).resolve(name),
          !name.equals(leader)));
      starting.add(CompletableFuture.supplyAsync(
          () -> Map.entry(name, EtcdjServer.start(config, fatal::add, () -> { }))));
    }
    for (CompletableFuture<Map.Entry<String, EtcdjServer>> f : starting) {
      Map.Entry<String, EtcdjServer> started = f.join();
      running.put(started.getKey(), started.getValue());
    }
  }

  /** The recorded etcd flags, with this replay's data dir and its own additions. */
  private String[] flags(JsonNode member, Path dataDir, boolean follower) {
    List<String> args = new ArrayList<>();
    JsonNode recorded = member.get("etcdArgs");
    for (int i = 0; i < recorded.size(); i++) {
      String arg = recorded.get(i).asText();
      if (arg.equals("--data-dir")) {
        args.add(arg);
        args.add(dataDir.toString());
        i++;
      } else {
        args.add(arg);
      }
    }
    args.addAll(extraFlags);
    if (follower) {
      args.add("--election-timeout");
      args.add(FOLLOWER_ELECTION_TIMEOUT_MS);
    }
    return args.toArray(String[]::new);
  }

  /** Until every member published, knows the leader and reports the same indexes (as cluster.py). */
  private Settled awaitSettled() {
    Settled[] settled = new Settled[1];
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
      List<Settled> seen = new ArrayList<>();
      for (Map.Entry<String, EtcdjServer> e : running.entrySet()) {
        ServerV2 server = e.getValue().server();
        boolean published = server.members().size() == running.size()
            && server.members().stream().allMatch(m -> !m.name().isEmpty() && !m.clientUrls().isEmpty());
        if (!published || server.leader().isEmpty()) {
          return false;
        }
        seen.add(new Settled(nameOf(server.leader().get().id()), server.raftTerm(), server.raftIndex(),
            server.store().index()));
      }
      settled[0] = seen.get(0);
      return seen.stream().distinct().count() == 1 && running.values().stream()
          .anyMatch(m -> m.server().status().role() == StateRole.LEADER);
    });
    return settled[0];
  }

  /**
   * The recorder waited 6 s after the start: etcd refuses a member add until the member asked
   * has reached every peer for 5 s (its strict reconfiguration check). Until every member here
   * would accept one, likewise.
   */
  private void awaitReconfigurable() {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> running.values().stream().allMatch(m -> m.server().mayAddMember().isEmpty()));
  }

  private String nameOf(long id) {
    return running.entrySet().stream().filter(e -> e.getValue().memberId() == id).map(Map.Entry::getKey)
        .findFirst().orElse(Long.toHexString(id));
  }

  /** The client URL of the member a recording sent every request to ({@code index.target}). */
  ReplayTargets.Target recordedTarget() {
    return targets().of(index.get("target").asText());
  }

  /** Client URL of a member by name; {@code name:peer} for its peer URL. */
  ReplayTargets targets() {
    Map<String, ReplayTargets.Target> targets = new LinkedHashMap<>();
    for (JsonNode member : index.get("members")) {
      String name = member.get("name").asText();
      URI client = URI.create(member.get("clientURL").asText());
      URI peer = URI.create(member.get("peerURL").asText());
      targets.put(name, new ReplayTargets.Target(client.getHost(), client.getPort()));
      targets.put(name + ":peer", new ReplayTargets.Target(peer.getHost(), peer.getPort()));
    }
    return member -> {
      ReplayTargets.Target t = targets.get(member);
      if (t == null) {
        throw new IllegalArgumentException("the step names no recorded member: '" + member + "'");
      }
      return t;
    };
  }

  /** Names of the members still running, in recorded order. */
  List<String> alive() { return List.copyOf(running.keySet()); }

  /**
   * etcd's recording SIGKILLed these members. In one JVM the nearest is to stop each at once:
   * its sockets close, as the kernel closes a killed process's, so the survivors see the same
   * connections go; what a graceful stop adds (a leader handing over leadership) does not apply
   * to the followers a recording kills.
   */
  void kill(List<String> names) {
    for (String name : names) {
      EtcdjServer member = running.remove(name);
      if (member != null) {
        member.close();
      }
    }
  }

  /** Fatal errors any member reported (a failed Raft or apply thread). */
  List<Throwable> fatalErrors() { return List.copyOf(fatal); }

  private void closeAll() {
    running.values().parallelStream().forEach(EtcdjServer::close);
    running.clear();
  }

  @Override public void close() { closeAll(); }
}
