package io.etcdj.http.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInfo;

/**
 * N real {@code bin/etcdj} members on loopback, m1..mN, with fresh data dirs, free ports and
 * etcd's default timing (100 ms heartbeat, 1 s election timeout). With {@link Options#throughProxy},
 * every peer URL in {@code --initial-cluster} is a {@link PeerLinkProxy} port in front of the
 * member's real peer listener, so the test can cut links. Logs go to
 * {@code target/cluster-it/<test class>/<test method>/<member>.log} and outlive the test.
 */
final class ProcessCluster implements AutoCloseable {
  /** A JVM member on 2 loaded cores takes a few seconds to start; this only bounds a hang. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);
  static final String TOKEN = "etcdj-cluster-it";

  /** How to build the cluster. */
  record Options(int size, int snapshotCount, boolean proxied, Path dataRoot, Path logDir) {
    static Options of(int size, Path dataRoot, TestInfo test) {
      String method = test.getTestMethod().map(Method::getName).orElse("test");
      String clazz = test.getTestClass().map(Class::getSimpleName).orElse("Cluster");
      return new Options(size, 10_000, false, dataRoot, Path.of("target", "cluster-it", clazz, method).toAbsolutePath());
    }

    Options withSnapshotCount(int count) { return new Options(size, count, proxied, dataRoot, logDir); }

    /** Every peer connection through a {@link PeerLinkProxy} the test controls. */
    Options throughProxy() { return new Options(size, snapshotCount, true, dataRoot, logDir); }
  }

  private final Options options;
  private final V2Http http = new V2Http();
  private final PeerLinkProxy proxy;
  private final List<MemberProcess> members = new ArrayList<>();
  private final Map<String, Long> ids = new HashMap<>();
  private final Thread reaper = new Thread(this::destroyAll, "cluster-it-reaper");

  private ProcessCluster(Options options) {
    this.options = options;
    this.proxy = options.proxied() ? new PeerLinkProxy() : null;
  }

  /** Starts every member, waits until each is healthy, a leader is agreed and every member has published. */
  static ProcessCluster start(Options options) {
    if (!Files.isRegularFile(Path.of("target", "etcdj.jar"))) {
      throw new IllegalStateException("http-api/target/etcdj.jar is missing: run the package phase first");
    }
    MemberProcess.prepareScript();
    ProcessCluster cluster = new ProcessCluster(options);
    Runtime.getRuntime().addShutdownHook(cluster.reaper);
    try {
      cleanDirectory(options.logDir());
      Map<String, URI> advertised = new LinkedHashMap<>();
      List<int[]> ports = new ArrayList<>();
      List<Integer> free = FreePorts.take(2 * options.size());
      for (int i = 1; i <= options.size(); i++) {
        int client = free.get(2 * (i - 1));
        int peer = free.get(2 * (i - 1) + 1);
        int front = cluster.proxy == null ? peer : cluster.proxy.front(peer);
        advertised.put("m" + i, URI.create("http://127.0.0.1:" + front));
        ports.add(new int[] {client, peer});
      }
      String initialCluster = advertised.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(","));
      for (int i = 1; i <= options.size(); i++) {
        String name = "m" + i;
        cluster.members.add(cluster.member(name, ports.get(i - 1)[0], ports.get(i - 1)[1], advertised.get(name),
            initialCluster, "new"));
      }
      cluster.members.forEach(MemberProcess::start);
      cluster.members.forEach(cluster::awaitHealthy);
      cluster.awaitLeader(cluster.members);
      cluster.awaitPublished(cluster.members);
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * A member for the running cluster to add: free ports, its own data dir, started with
   * {@code --initial-cluster-state existing} and an initial cluster of every current member and
   * itself. Not started; not a member until {@link #joined}.
   */
  MemberProcess prepareJoiner(String name) {
    List<Integer> free = FreePorts.take(2);
    int front = proxy == null ? free.get(1) : proxy.front(free.get(1));
    URI peerUrl = URI.create("http://127.0.0.1:" + front);
    String initialCluster = Stream.concat(
            members.stream().filter(m -> ids.containsKey(m.name())).map(m -> m.name() + "=" + m.advertisedPeerUrl()),
            Stream.of(name + "=" + peerUrl))
        .collect(Collectors.joining(","));
    return member(name, free.get(0), free.get(1), peerUrl, initialCluster, "existing");
  }

  /** The joiner is now a member of this cluster (its id as the cluster assigned it). */
  void joined(MemberProcess joiner, long id) {
    members.add(joiner);
    ids.put(joiner.name(), id);
  }

  private MemberProcess member(String name, int clientPort, int peerPort, URI advertisedPeer, String initialCluster,
                               String state) {
    URI client = URI.create("http://127.0.0.1:" + clientPort);
    Path data = options.dataRoot().resolve(name);
    List<String> args = List.of("--name", name, "--data-dir", data.toString(),
        "--listen-client-urls", client.toString(), "--advertise-client-urls", client.toString(),
        "--listen-peer-urls", "http://127.0.0.1:" + peerPort, "--initial-advertise-peer-urls", advertisedPeer.toString(),
        "--initial-cluster", initialCluster, "--initial-cluster-state", state,
        "--initial-cluster-token", TOKEN, "--snapshot-count", Integer.toString(options.snapshotCount()));
    return new MemberProcess(name, client, advertisedPeer, data, options.logDir().resolve(name + ".log"), args);
  }

  V2Http http() { return http; }

  /** The proxy between the members; only with {@link Options#throughProxy}. */
  PeerLinkProxy proxy() {
    if (proxy == null) {
      throw new IllegalStateException("this cluster was started without a proxy");
    }
    return proxy;
  }

  List<MemberProcess> members() { return List.copyOf(members); }

  MemberProcess member(String name) {
    return members.stream().filter(m -> m.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no member " + name));
  }

  List<MemberProcess> others(MemberProcess member) {
    return members.stream().filter(m -> m != member).toList();
  }

  List<MemberProcess> running() { return members.stream().filter(MemberProcess::isAlive).toList(); }

  long id(MemberProcess member) {
    Long id = ids.get(member.name());
    if (id == null) {
      throw new IllegalStateException("no id known for " + member.name());
    }
    return id;
  }

  List<Long> ids(List<MemberProcess> members) { return members.stream().map(this::id).toList(); }

  /** Waits until {@code member} answers /health true (it has a leader and a barrier went through the log). */
  void awaitHealthy(MemberProcess member) {
    await("health of " + member).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
        .until(() -> {
          assertThat(member.isAlive()).as("%s exited; see %s", member.name(), member.log()).isTrue();
          return http.healthy(member.clientUrl());
        });
  }

  /**
   * Waits until every member of {@code among} names the same leader, one of {@code among}
   * (GET /v2/members/leader), and returns it.
   */
  MemberProcess awaitLeader(List<MemberProcess> among) {
    AtomicReference<MemberProcess> leader = new AtomicReference<>();
    await("a leader agreed by " + names(among)).atMost(LEADER_TIMEOUT).pollInterval(Duration.ofMillis(50))
        .ignoreExceptions().until(() -> {
          agreedLeader(among).ifPresent(leader::set);
          return leader.get() != null;
        });
    return leader.get();
  }

  /** The leader every member of {@code among} names, if they all name the same one of {@code among}; no waiting. */
  Optional<MemberProcess> agreedLeader(List<MemberProcess> among) {
    Optional<String> first = Optional.empty();
    for (MemberProcess m : among) {
      Optional<String> named = http.leaderName(m.clientUrl());
      if (named.isEmpty() || (first.isPresent() && !first.get().equals(named.get()))) {
        return Optional.empty();
      }
      first = named;
    }
    return first.flatMap(n -> among.stream().filter(m -> m.name().equals(n)).findFirst());
  }

  /** Waits until every member lists every member of {@code published} with its name and client URL; learns the ids. */
  private void awaitPublished(List<MemberProcess> published) {
    await("members published").atMost(LEADER_TIMEOUT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
        .until(() -> {
          for (MemberProcess asked : published) {
            Map<String, JsonNode> byName = byName(http.members(asked.clientUrl()));
            for (MemberProcess m : published) {
              JsonNode listed = byName.get(m.name());
              if (listed == null || !listed.path("clientURLs").toString().contains(m.clientUrl().toString())) {
                return false;
              }
            }
          }
          return true;
        });
    byName(http.members(published.get(0).clientUrl()))
        .forEach((name, json) -> ids.put(name, Long.parseUnsignedLong(json.path("id").asText(), 16)));
  }

  static Map<String, JsonNode> byName(List<JsonNode> members) {
    Map<String, JsonNode> byName = new HashMap<>();
    members.forEach(m -> byName.put(m.path("name").asText(), m));
    return byName;
  }

  /** The Raft term {@code member} reports (X-Raft-Term of a plain GET, which goes through no log). */
  long term(MemberProcess member) {
    return http.get(member.clientUrl(), "/", false).header("X-Raft-Term");
  }

  static String names(List<MemberProcess> members) {
    return members.stream().map(MemberProcess::name).collect(Collectors.joining(",", "[", "]"));
  }

  @Override public void close() {
    destroyAll();
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException e) {
      // the JVM is shutting down already
    }
  }

  private void destroyAll() {
    members.forEach(MemberProcess::destroy);
    if (proxy != null) {
      proxy.close();
    }
  }

  private static void cleanDirectory(Path dir) {
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> paths = Files.walk(dir)) {
          for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
