package io.etcdj.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * A cluster of production member runtimes in one thread, from one seed: members, network, disk
 * and clock are simulated, everything else is the code a server runs. The same seed and the same
 * calls replay the same run exactly.
 */
final class SimCluster {
  static final long STEP_NANOS = 5_000_000; // 5 ms of simulated time per step

  /**
   * The cluster's shape: how many members it starts with, how often they snapshot, how large an
   * append may be, which bug is planted.
   */
  record Options(int size, long snapshotCount, boolean quorumReadIndex, long maxMessageBytes, PlantedBug bug) {
    Options(int size, long snapshotCount, boolean quorumReadIndex) {
      this(size, snapshotCount, quorumReadIndex, MemberRuntime.MAX_SIZE_PER_MSG_BYTES, PlantedBug.NONE);
    }
  }

  private final long seed;
  private final Options options;
  private final SimObserver observer;
  private final SplittableRandom random;
  private final SimClock clock;
  private final SimNetwork network;
  private final List<SimMember> members = new ArrayList<>();
  private long clusterId;
  private int incarnations;

  SimCluster(long seed, Options options, SimClock clock, SimObserver observer, SimNetwork.Tap tap) {
    this.seed = seed;
    this.clock = clock;
    this.options = options;
    this.observer = observer;
    this.random = new SplittableRandom(seed);
    this.network = new SimNetwork(random.split(), tap);
    Map<String, List<URI>> cluster = new LinkedHashMap<>();
    for (int i = 1; i <= options.size(); i++) {
      cluster.put("m" + i, List.of(URI.create("http://m" + i + ":2380")));
    }
    for (String name : cluster.keySet()) {
      MemberConfig config = SimMember.config(name, cluster, false, options.snapshotCount(), options.quorumReadIndex());
      ClusterIdentity identity = ClusterIdentity.fromConfig(config);
      clusterId = identity.clusterId();
      members.add(new SimMember(name, config, identity, Optional.empty(), observer, options, seed));
    }
    for (SimMember m : members) {
      restart(m);
    }
  }

  SimCluster(long seed, int size, long snapshotCount, boolean quorumReadIndex) {
    this(seed, new Options(size, snapshotCount, quorumReadIndex), new SimClock(), SimObserver.NONE,
        SimNetwork.Tap.NONE);
  }

  SimNetwork network() { return network; }
  SimClock clock() { return clock; }
  List<SimMember> members() { return members; }
  SimMember member(int i) { return members.get(i); }
  SplittableRandom random() { return random; }
  long clusterId() { return clusterId; }

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
      m.checkRemoved();
      m.finishStop();
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
      if (m.leads() && (best == null || m.runtime().raftTerm() > best.runtime().raftTerm())) {
        best = m;
      }
    }
    return Optional.ofNullable(best);
  }

  void crash(SimMember m) { m.crash(); }

  void restart(SimMember m) { m.start(network, clock, seed, ++incarnations); }

  /**
   * Adds a member through the leader's membership API and starts it as a joiner that learns the
   * cluster from the member list, as {@code --initial-cluster-state existing} does.
   */
  SimMember addMember(String name) {
    SimMember leader = leader().orElseThrow();
    URI peerUrl = URI.create("http://" + name + ":2380");
    CompletableFuture<Member> added = leader.runtime().addMember(List.of(peerUrl));
    runUntil(added::isDone, 2_000);
    return startJoiner(name, added.join().id(), leader);
  }

  /**
   * Proposes adding {@code name} through {@code via} and starts the joiner at once, whatever the
   * proposal's fate: one whose addition never commits waits for a leader that never calls, as a
   * real one would. Its id is the one {@code addMember} computes from its URL and the time.
   */
  SimMember beginAddMember(SimMember via, String name) {
    URI peerUrl = URI.create("http://" + name + ":2380");
    long id = MembershipChanges.newMemberId(List.of(peerUrl.toString()), clock.wallMillis());
    via.server().addMember(List.of(peerUrl));
    // The operator starts the joiner with the member list `member add` printed: the cluster's, as
    // the member that knows most of it (the leader, if any) has it.
    return startJoiner(name, id, leader().orElse(via));
  }

  private SimMember startJoiner(String name, long id, SimMember informant) {
    List<Member> known = informant.runtime().members();
    Map<String, List<URI>> cluster = new LinkedHashMap<>();
    for (Member each : known) {
      String n = each.name().isEmpty() ? "peer-" + ClusterIdentity.hex(each.id()) : each.name();
      cluster.put(n, each.peerUrls().stream().map(URI::create).toList());
    }
    cluster.put(name, List.of(URI.create("http://" + name + ":2380")));
    MemberConfig config = SimMember.config(name, cluster, true, options.snapshotCount(), options.quorumReadIndex());
    SimMember joiner = new SimMember(name, config, new ClusterIdentity(id, clusterId, Map.of(name, id)),
        Optional.of(new MemberRuntime.Joining(clusterId, known)), observer, options, seed);
    members.add(joiner);
    restart(joiner);
    return joiner;
  }

  /** Whether {@code m} is a voter or learner in the configuration the leader {@code leader} applied. */
  static boolean inConfiguration(SimMember leader, SimMember m) {
    return leader.runtime().members().stream().anyMatch(x -> x.id() == m.id());
  }
}
