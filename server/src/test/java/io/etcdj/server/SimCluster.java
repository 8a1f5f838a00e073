package io.etcdj.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * A cluster of production member runtimes in one thread, from one seed: members, network, disk
 * and clock are simulated, everything else is the code a server runs. The same seed and the same
 * calls replay the same run exactly.
 */
final class SimCluster {
  static final long STEP_NANOS = 5_000_000; // 5 ms of simulated time per step

  private final long seed;
  private final SplittableRandom random;
  private final SimClock clock = new SimClock();
  private final SimNetwork network;
  private final List<SimMember> members = new ArrayList<>();
  private final long snapshotCount;
  private final boolean quorumReadIndex;
  private long clusterId;

  SimCluster(long seed, int size, long snapshotCount, boolean quorumReadIndex) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
    this.network = new SimNetwork(random.split());
    this.snapshotCount = snapshotCount;
    this.quorumReadIndex = quorumReadIndex;
    Map<String, List<URI>> cluster = new LinkedHashMap<>();
    for (int i = 1; i <= size; i++) {
      cluster.put("m" + i, List.of(URI.create("http://m" + i + ":2380")));
    }
    for (String name : cluster.keySet()) {
      MemberConfig config = SimMember.config(name, cluster, false, snapshotCount, quorumReadIndex);
      ClusterIdentity identity = ClusterIdentity.fromConfig(config);
      clusterId = identity.clusterId();
      members.add(new SimMember(name, config, identity));
    }
    for (SimMember m : members) {
      m.start(network, clock, seed, Optional.empty());
    }
  }

  SimNetwork network() { return network; }
  SimClock clock() { return clock; }
  List<SimMember> members() { return members; }
  SimMember member(int i) { return members.get(i); }
  SplittableRandom random() { return random; }

  /** One step of simulated time: deliver what is due, run every Raft loop, apply, write snapshots. */
  void step() {
    clock.advance(STEP_NANOS);
    network.deliverUntil(clock.nanoTime());
    for (SimMember m : members) {
      m.runRaft();
    }
    for (SimMember m : members) {
      // The apply thread sometimes lags: it applies a random part of what is queued.
      m.apply(random.nextInt(4) == 0 ? 1 : Integer.MAX_VALUE);
      m.sweep(clock.nanoTime());
      if (random.nextInt(3) == 0) {
        m.runBackground();
      }
      m.checkRemoved(network);
    }
  }

  boolean runUntil(BooleanSupplier done, int maxSteps) {
    for (int i = 0; i < maxSteps; i++) {
      if (done.getAsBoolean()) {
        return true;
      }
      step();
    }
    return done.getAsBoolean();
  }

  void run(int steps) {
    for (int i = 0; i < steps; i++) {
      step();
    }
  }

  /** The member that leads in the highest term, if any. */
  Optional<SimMember> leader() {
    SimMember best = null;
    for (SimMember m : members) {
      if (m.alive() && m.runtime().status().role() == io.etcdj.raft.StateRole.LEADER
          && (best == null || m.runtime().status().term() > best.runtime().status().term())) {
        best = m;
      }
    }
    return Optional.ofNullable(best);
  }

  void crash(SimMember m) { m.crash(network); }

  void restart(SimMember m) { m.start(network, clock, seed, Optional.empty()); }

  /**
   * Adds a member through the leader's membership API and starts it as a joiner that learns the
   * cluster from the member list, as {@code --initial-cluster-state existing} does.
   */
  SimMember addMember(String name) {
    SimMember leader = leader().orElseThrow();
    URI peerUrl = URI.create("http://" + name + ":2380");
    var added = leader.runtime().addMember(List.of(peerUrl));
    runUntil(added::isDone, 2_000);
    Member member = added.join();
    Map<String, List<URI>> cluster = new LinkedHashMap<>();
    for (Member each : leader.runtime().members()) {
      String n = each.name().isEmpty() ? name : each.name();
      cluster.put(n, each.peerUrls().stream().map(URI::create).toList());
    }
    MemberConfig config = SimMember.config(name, cluster, true, snapshotCount, quorumReadIndex);
    SimMember joiner = new SimMember(name, config, new ClusterIdentity(member.id(), clusterId, Map.of(name, member.id())));
    members.add(joiner);
    joiner.start(network, clock, seed, Optional.of(new MemberRuntime.Joining(clusterId, leader.runtime().members())));
    return joiner;
  }
}
