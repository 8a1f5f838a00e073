package io.etcdj.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One simulated member: the production {@link MemberRuntime} over a {@link SimDisk}, simulated
 * snapshots and a {@link SimNetwork} endpoint, driven by the simulation thread instead of the
 * Raft, apply and snapshot threads. What the apply and snapshot threads would do waits in queues
 * the simulation drains when its schedule says, so applying lags the Raft loop as it does in a
 * server. A crash drops the runtime and those queues and keeps the disk's durable part.
 */
final class SimMember {
  private final String name;
  private final MemberConfig config;
  private final ClusterIdentity identity;
  private final SimDisk disk = new SimDisk();
  private final SimSnapshots snapshots = new SimSnapshots();
  private final ArrayDeque<ApplyBatch> applyQueue = new ArrayDeque<>();
  private final ArrayDeque<Runnable> background = new ArrayDeque<>();
  private MemberRuntime runtime;
  private Applier applier;
  private boolean alive;
  private boolean removed;
  private int starts;

  SimMember(String name, MemberConfig config, ClusterIdentity identity) {
    this.name = name;
    this.config = config;
    this.identity = identity;
  }

  /** A config as the simulator's members use: fake peer URLs, etcd's timings, snapshots every {@code snapshotCount}. */
  static MemberConfig config(String name, Map<String, List<URI>> cluster, boolean existing, long snapshotCount,
                             boolean quorumReadIndex) {
    return new MemberConfig(name, Path.of("sim", name), cluster, existing, "sim-cluster", List.of(), snapshotCount,
        100, 1000, 1000, quorumReadIndex, true);
  }

  String name() { return name; }
  long id() { return identity.memberId(); }
  boolean alive() { return alive; }
  boolean removed() { return removed; }
  SimDisk disk() { return disk; }
  MemberRuntime runtime() { return runtime; }

  void start(SimNetwork network, SimClock clock, long seed, Optional<MemberRuntime.Joining> joining) {
    if (alive || removed) {
      return;
    }
    MemberRuntime.Drive drive = new MemberRuntime.Drive(clock, a -> {
      applier = a;
      return applyQueue::add;
    }, background::add, seed * 1_000_003L + identity.memberId() * 31 + starts++);
    runtime = MemberRuntime.open(config, identity, starts == 1 ? joining : Optional.empty(),
        new MemberRuntime.Disk(disk, snapshots), setup -> network.attach(setup.memberId(), setup.inbound()), drive,
        new ArrayList<>(List.of(URI.create("http://" + name + ":2379"))));
    runtime.driver().start();
    alive = true;
  }

  void crash(SimNetwork network) {
    if (!alive) {
      return;
    }
    alive = false;
    runtime = null;
    applier = null;
    applyQueue.clear();
    background.clear();
    disk.crash();
    network.crashed(identity.memberId());
  }

  /** Runs the Raft loop until it has nothing left to do (bounded); true if it did anything. */
  boolean runRaft() {
    if (!alive) {
      return false;
    }
    boolean any = false;
    for (int i = 0; i < 20 && runtime.driver().runOnce(); i++) {
      any = true;
    }
    return any;
  }

  /** Applies up to {@code max} queued batches, as the apply thread would. */
  int apply(int max) {
    int n = 0;
    while (alive && n < max && !applyQueue.isEmpty()) {
      applier.apply(applyQueue.poll());
      n++;
    }
    return n;
  }

  /** Expires what the apply thread's sweep would (timed-out proposals and reads). */
  void sweep(long nowNanos) {
    if (alive) {
      applier.failExpired(nowNanos);
    }
  }

  /** Runs the snapshot thread's queued work. */
  void runBackground() {
    while (alive && !background.isEmpty()) {
      background.poll().run();
    }
  }

  boolean idle() { return applyQueue.isEmpty() && background.isEmpty(); }

  /** This member applied its own removal: it stops for good, as a server's process does. */
  boolean checkRemoved(SimNetwork network) {
    if (alive && runtime.driver().removed()) {
      crash(network);
      removed = true;
    }
    return removed;
  }
}
