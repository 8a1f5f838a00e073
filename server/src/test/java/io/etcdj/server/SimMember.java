package io.etcdj.server;

import io.etcdj.kvstore.HistoryLimits;
import io.etcdj.kvstore.Store;
import io.etcdj.raft.Entry;
import io.etcdj.raft.EntryType;
import io.etcdj.raft.OldTermCommit;
import io.etcdj.raft.RaftNode;
import io.etcdj.raft.StateRole;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * One simulated member: the production {@link MemberRuntime} over a {@link SimDisk}, simulated
 * snapshots and a {@link SimNetwork} endpoint, driven by the simulation thread instead of the
 * Raft, apply and snapshot threads. What the apply and snapshot threads would do waits in queues
 * the simulation drains when its schedule says, so applying lags the Raft loop as it does in a
 * server. The apply queue's batches are applied one entry at a time (as the apply thread would
 * apply a run of small Readys), so a crash can land between two entries and the checks see the
 * store after each one.
 *
 * <p>A crash (kill -9, or a {@link SimulatedCrash} thrown by its disk, network or apply queue)
 * drops the runtime and those queues and keeps the disk's durable part. A graceful stop hands
 * leadership over through the inbox first, then stops as {@link EtcdServer#close} does.
 */
final class SimMember {
  private static final String STOPPED = "etcdserver: server stopped";
  private static final Field DRIVER_NODE = driverNodeField();

  private final String name;
  private final MemberConfig config;
  private final ClusterIdentity identity;
  private final Optional<MemberRuntime.Joining> joining;
  private final SimObserver observer;
  private final PlantedBug bug;
  private final long maxMessageBytes;
  private final KillSwitch kill = new KillSwitch();
  private final SimDisk disk;
  private final SimSnapshots snapshots = new SimSnapshots(kill);
  private final ArrayDeque<ApplyBatch> applyQueue = new ArrayDeque<>();
  private final ArrayDeque<Runnable> background = new ArrayDeque<>();
  private final SplittableRandom bugRandom;
  private SimNetwork network;
  private MemberRuntime runtime;
  private ServerV2 server;
  private Applier applier;
  private RaftNode node; // only read by the planted OLD_TERM_COMMIT
  private boolean alive;
  private boolean removed;
  private CompletableFuture<Void> handingOver; // a graceful stop waiting for its leadership transfer
  private int starts;
  private int incarnation;
  private Entry applying; // the entry being applied right now, for the TTL checks
  private CrashPoint lastCrashPoint;
  /** Until when the whole process is frozen (a long GC pause, a VM stopped), or its apply thread stalls. */
  private long frozenUntilNanos;
  private long applyStalledUntilNanos;
  private SimClock clock;

  SimMember(String name, MemberConfig config, ClusterIdentity identity, Optional<MemberRuntime.Joining> joining,
            SimObserver observer, SimCluster.Options options, long seed) {
    this.name = name;
    this.config = config;
    this.identity = identity;
    this.joining = joining;
    this.observer = observer;
    this.bug = options.bug();
    this.maxMessageBytes = options.maxMessageBytes();
    this.disk = new SimDisk(kill, (entries, log) -> observer.saved(this, entries, log), snapshots);
    this.bugRandom = new SplittableRandom(seed ^ identity.memberId());
    if (options.bug() == PlantedBug.UNSYNCED_ACK) {
      disk.lieAboutSync();
    }
  }

  /** A config as the simulator's members use: fake peer URLs, etcd's timings, snapshots every {@code snapshotCount}. */
  static MemberConfig config(String name, Map<String, List<URI>> cluster, boolean existing, long snapshotCount,
                             boolean quorumReadIndex) {
    return new MemberConfig(name, Path.of("sim", name), cluster, existing, "sim-cluster", List.of(), snapshotCount,
        100, 1000, HistoryLimits.of(1000), quorumReadIndex, true);
  }

  String name() { return name; }
  long id() { return identity.memberId(); }
  boolean alive() { return alive; }
  boolean removed() { return removed; }
  /** Whether a graceful stop is handing leadership over. */
  boolean stopping() { return handingOver != null; }
  SimDisk disk() { return disk; }
  KillSwitch killSwitch() { return kill; }
  MemberRuntime runtime() { return runtime; }
  /** What a client of this member talks to: the runtime, or the planted bug's variant of it. */
  ServerV2 server() { return server; }
  /** Unique in a run per start of a member: a restarted member's store may be older than before. */
  int incarnation() { return incarnation; }
  /** The entry the applier is applying right now, or null. */
  Entry applying() { return applying; }
  /** Where the last {@link SimulatedCrash} hit, or null. */
  CrashPoint lastCrashPoint() { return lastCrashPoint; }

  boolean leads() { return alive && runtime.driver().view().role() == StateRole.LEADER; }

  void start(SimNetwork network, SimClock clock, long seed, int incarnation) {
    if (alive || removed) {
      return;
    }
    this.network = network;
    this.clock = clock;
    lastCrashPoint = null;
    frozenUntilNanos = 0;
    applyStalledUntilNanos = 0;
    boolean fresh = disk.lastIndex() == 0 && snapshots.loadNewest().isEmpty();
    MemberRuntime.Drive drive = new MemberRuntime.Drive(clock, a -> {
      applier = a;
      return batch -> {
        kill.at(CrashPoint.BEFORE_APPLY_HANDOFF);
        applyQueue.add(batch);
      };
    }, background::add, seed * 1_000_003L + identity.memberId() * 31 + starts++, maxMessageBytes);
    // A joiner whose disk is still empty asks the cluster again, as EtcdServer does.
    runtime = MemberRuntime.open(config, identity, fresh ? joining : Optional.empty(),
        new MemberRuntime.Disk(disk, snapshots), setup -> network.attach(setup.memberId(), setup.inbound(), kill),
        drive, new ArrayList<>(List.of(URI.create("http://" + name + ":2379"))));
    server = bug == PlantedBug.STALE_LEADER_READ ? new LeaderLocalReads(runtime) : runtime;
    node = bug == PlantedBug.OLD_TERM_COMMIT ? driverNode(runtime.driver()) : null;
    this.incarnation = incarnation;
    runtime.driver().start();
    alive = true;
    observer.started(this);
  }

  /** Freezes the whole process (no thread runs; messages pile up in its inbox) until {@code untilNanos}. */
  void freeze(long untilNanos) { frozenUntilNanos = untilNanos; }

  /** Stalls the apply thread (a slow store, a long snapshot) until {@code untilNanos}. */
  void stallApply(long untilNanos) { applyStalledUntilNanos = untilNanos; }

  private boolean frozen() { return clock.nanoTime() - frozenUntilNanos < 0; }

  /** Runs the Raft loop until it has nothing left to do (bounded); true if it did anything. */
  boolean runRaft() {
    if (!alive || frozen()) {
      return false;
    }
    boolean any = false;
    try {
      for (int i = 0; i < 20; i++) {
        boolean worked = runtime.driver().runOnce();
        if (node != null) {
          OldTermCommit.commitByCountingReplicas(node);
        }
        if (runtime.driver().view().role() == StateRole.LEADER) {
          observer.leading(this, runtime.driver().view().term());
        }
        if (!worked) {
          break;
        }
        any = true;
      }
    } catch (SimulatedCrash c) {
      crashed(c);
      return true;
    }
    return any;
  }

  /** Applies up to {@code max} queued batches, as the apply thread would. */
  int apply(int max) {
    if (!alive || frozen() || clock.nanoTime() - applyStalledUntilNanos < 0) {
      return 0;
    }
    int n = 0;
    try {
      while (alive && n < max && !applyQueue.isEmpty()) {
        applyInPieces(applyQueue.poll());
        n++;
      }
    } catch (SimulatedCrash c) {
      crashed(c);
    }
    return n;
  }

  /**
   * One batch as several: waiters and the snapshot first, then each entry, then the reads and the
   * batch's task, which is the order {@link Applier#apply} follows within one batch.
   */
  private void applyInPieces(ApplyBatch batch) {
    Store store = runtime.writableStore();
    long before = applier.appliedIndex();
    applier.apply(new ApplyBatch(batch.proposals(), batch.confChanges(), batch.snapshot(), List.of(), List.of(),
        batch.confState(), ApplyBatch.NOTHING));
    if (batch.snapshot() != null && applier.appliedIndex() > before) {
      observer.restored(this, batch.snapshot().metadata(), store.index());
    }
    for (Entry entry : batch.committed()) {
      kill.at(CrashPoint.MID_APPLY);
      long appliedBefore = applier.appliedIndex();
      applying = entry;
      applier.apply(new ApplyBatch(List.of(), List.of(), null, List.of(entry), List.of(), batch.confState(),
          ApplyBatch.NOTHING));
      applying = null;
      if (applier.appliedIndex() > appliedBefore) {
        applyAgainIfPlanted(entry, store);
        observer.applied(this, entry, store.index());
      }
    }
    applier.apply(new ApplyBatch(List.of(), List.of(), null, List.of(), batch.reads(), batch.confState(),
        batch.afterwards()));
  }

  /** Planted bug {@link PlantedBug#DOUBLE_APPLY}: m2, following, applies one client write in four again. */
  private void applyAgainIfPlanted(Entry entry, Store store) {
    if (bug != PlantedBug.DOUBLE_APPLY || !name.equals("m2") || leads()) {
      return;
    }
    byte[] data = entry.data();
    if (entry.type() != EntryType.NORMAL || data == null || data.length == 0 || EntryCodec.isBarrier(data)
        || EntryCodec.requestId(data) == 0 || bugRandom.nextInt(4) != 0) {
      return;
    }
    store.apply(EntryCodec.command(data));
  }

  /** Expires what the apply thread's sweep would (timed-out proposals and reads). */
  void sweep(long nowNanos) {
    if (alive && !frozen()) {
      applier.failExpired(nowNanos);
    }
  }

  /** Runs the snapshot thread's queued work. */
  void runBackground() {
    if (!alive || frozen()) {
      return;
    }
    try {
      while (alive && !background.isEmpty()) {
        background.poll().run();
      }
    } catch (SimulatedCrash c) {
      crashed(c);
    }
  }

  boolean idle() { return applyQueue.isEmpty() && background.isEmpty(); }

  private void crashed(SimulatedCrash c) {
    lastCrashPoint = c.point();
    crash();
  }

  /** kill -9, or the machine loses power: unsynced writes are gone, nobody waiting hears back. */
  void crash() {
    if (!alive) {
      return;
    }
    kill.disarm();
    disk.crash();
    down();
  }

  /**
   * A graceful stop, as {@link EtcdServer#close}: a leader first hands leadership to its most
   * caught-up voter (a transfer through the inbox, bounded by {@code deadlineNanos}); the stop
   * itself happens in {@link #finishStop} once that is done.
   */
  void beginStop(long deadlineNanos) {
    if (!alive || handingOver != null) {
      return;
    }
    handingOver = new CompletableFuture<>();
    runtime.inbox().submit(new RaftRequest.TransferLeadership(handingOver, deadlineNanos));
  }

  /** Stops if a graceful stop's hand-over is done; true if it stopped. */
  boolean finishStop() {
    if (!alive || handingOver == null || !handingOver.isDone()) {
      return false;
    }
    stop();
    return true;
  }

  /**
   * The end of {@link EtcdServer#close}: the Raft loop fails what waits on it, the apply thread
   * applies what was handed to it and fails the rest, the snapshot thread finishes, the disk is
   * closed with everything written, and the connections close.
   */
  private void stop() {
    kill.disarm();
    runtime.driver().failAll(STOPPED);
    runtime.inbox().failAll(STOPPED);
    while (!applyQueue.isEmpty()) {
      applyInPieces(applyQueue.poll());
    }
    applier.failAll(STOPPED);
    while (!background.isEmpty()) {
      background.poll().run();
    }
    disk.stop();
    down();
  }

  private void down() {
    alive = false;
    runtime = null;
    server = null;
    applier = null;
    node = null;
    applying = null;
    handingOver = null;
    applyQueue.clear();
    background.clear();
    network.crashed(identity.memberId());
    observer.down(this);
  }

  /** This member applied its own removal: it stops for good, as a server's process does. */
  boolean checkRemoved() {
    if (alive && runtime.driver().removed()) {
      removed = true;
      stop();
    }
    return removed;
  }

  private static Field driverNodeField() {
    try {
      Field f = RaftDriver.class.getDeclaredField("node");
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The driver's Raft node, for the planted bug that mutates the core's commit rule. */
  private static RaftNode driverNode(RaftDriver driver) {
    try {
      return (RaftNode) DRIVER_NODE.get(driver);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
