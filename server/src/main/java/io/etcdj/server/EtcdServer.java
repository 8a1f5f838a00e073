package io.etcdj.server;

import io.etcdj.raft.storage.RocksLogStorage;
import io.etcdj.raft.storage.SnapshotStore;
import io.etcdj.raft.transport.PeerTransport;
import io.etcdj.raft.transport.PeerTransportConfig;
import io.etcdj.raft.transport.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running member (etcd's EtcdServer): its {@link MemberRuntime} on real threads ("etcdj-raft",
 * "etcdj-apply", "etcdj-snapshot"), over RocksDB and snapshot files in
 * {@code <data-dir>/member}, talking to its peers through a {@link Transport}. Made with
 * {@link #create}, then {@link #start}ed once whoever serves its clients knows their URLs.
 */
public final class EtcdServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EtcdServer.class);

  private final MemberConfig config;
  private final RocksLogStorage storage;
  private final MemberRuntime runtime;
  private final RaftLoop raftLoop;
  private final ApplyLoop applyLoop;
  private final ExecutorService snapshotWriter;
  private boolean started;
  private boolean closed;

  private EtcdServer(MemberConfig config, RocksLogStorage storage, MemberRuntime runtime, ApplyLoop[] applyLoop,
                     ExecutorService snapshotWriter, Consumer<Throwable> onFatal, Runnable onRemoved) {
    this.config = config;
    this.storage = storage;
    this.runtime = runtime;
    this.applyLoop = applyLoop[0];
    this.snapshotWriter = snapshotWriter;
    this.raftLoop = new RaftLoop(runtime.driver(), runtime.inbox(), onFatal, onRemoved);
  }

  /**
   * Opens a member's storage and builds its runtime, not yet running. {@code clientUrls} (what the
   * member publishes as its client URLs) may be filled until {@link #start}. {@code onFatal} runs
   * when the Raft or apply thread dies; {@code onRemoved} when this member applied its own removal.
   */
  public static EtcdServer create(MemberConfig config, List<URI> clientUrls, Consumer<Throwable> onFatal,
                                  Runnable onRemoved) {
    Path memberDir = config.dataDir().resolve("member");
    try {
      Files.createDirectories(memberDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data dir " + memberDir, e);
    }
    // The log knows the snapshot files so a restarted leader can send one to a lagging follower.
    SnapshotStore snapshots = SnapshotStore.open(memberDir.resolve("snap"));
    RocksLogStorage storage = RocksLogStorage.open(memberDir.resolve("wal"), snapshots);
    ExecutorService snapshotWriter = Snapshotter.newWriterThread();
    try {
      boolean fresh = storage.lastIndex() == 0 && snapshots.loadNewest().isEmpty();
      Optional<MemberRuntime.Joining> joining = Optional.empty();
      ClusterIdentity identity;
      if (fresh && config.initialClusterExisting()) {
        // A member added to a running cluster learns its id and the cluster's from a peer.
        ClusterInfo info = ClusterJoin.fetch(config);
        Member self = info.memberWithPeerUrls(config.peerUrls()).orElseThrow(() -> new IllegalStateException(
            "no member of the running cluster has this member's peer URLs " + config.peerUrls()
                + ": add it first (etcdctl member add " + config.name() + " " + config.peerUrls().get(0) + ")"));
        identity = new ClusterIdentity(self.id(), info.clusterId(), Map.of(config.name(), self.id()));
        identity.store(memberDir);
        joining = Optional.of(new MemberRuntime.Joining(info.clusterId(), info.members()));
        LOG.info("joining cluster {} as member {}", ClusterIdentity.hex(info.clusterId()), self.idHex());
      } else {
        identity = identity(config, memberDir);
      }
      ApplyLoop[] applyLoop = new ApplyLoop[1];
      Function<Applier, ApplySink> sink = applier -> applyLoop[0] = new ApplyLoop(applier, Clock.SYSTEM, onFatal);
      MemberRuntime.Drive drive = new MemberRuntime.Drive(Clock.SYSTEM, sink, snapshotWriter,
          identity.memberId() ^ System.nanoTime());
      MemberRuntime runtime = MemberRuntime.open(config, identity, joining,
          new MemberRuntime.Disk(storage, snapshots), setup -> transport(config, setup), drive, clientUrls);
      return new EtcdServer(config, storage, runtime, applyLoop, snapshotWriter, onFatal, onRemoved);
    } catch (RuntimeException e) {
      snapshotWriter.shutdownNow();
      storage.close();
      throw e;
    }
  }

  /** The ids of this member: as first computed (and kept in {@code member/ids}), or from the flags. */
  private static ClusterIdentity identity(MemberConfig config, Path memberDir) {
    Optional<long[]> stored = ClusterIdentity.load(memberDir);
    if (stored.isPresent()) {
      return new ClusterIdentity(stored.get()[0], stored.get()[1], ClusterIdentity.fromConfig(config).memberIds());
    }
    ClusterIdentity fresh = ClusterIdentity.fromConfig(config);
    fresh.store(memberDir);
    return fresh;
  }

  /** The peer transport on {@code --listen-peer-urls}, or none for a member that listens for no peers. */
  private static Transport transport(MemberConfig config, TransportSetup setup) {
    if (config.listenPeerUrls().isEmpty()) {
      return new NoTransport(setup.inbound());
    }
    PeerTransportConfig transport = PeerTransportConfig.of(setup.memberId(), setup.clusterId(), config.listenPeerUrls(),
            config.peerSecurity())
        .withAdvertisedUrls(config.peerUrls())
        .withClusterInfo(setup.clusterInfo())
        .withRoundTripListener(setup.roundTrips());
    return PeerTransport.start(transport, setup.inbound());
  }

  /** Starts the apply and Raft threads. */
  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    applyLoop.start();
    raftLoop.start();
  }

  /** What the HTTP layer serves from. */
  public ServerV2 server() { return runtime; }

  /**
   * Waits until this member has published its attributes (so it serves with etcd's indexes).
   * A member whose peers are not up yet keeps waiting for them after this returns false.
   */
  public boolean awaitPublished(long timeout, TimeUnit unit) {
    CompletableFuture<Void> published = runtime.publisher().published();
    try {
      published.get(timeout, unit);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  /**
   * Stops: a leader first hands leadership to a caught-up voter (so the cluster does not wait an
   * election timeout), then the threads stop, waiters fail and storage closes.
   */
  @Override public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (started) {
      transferLeadership();
    }
    raftLoop.close();
    applyLoop.close();
    runtime.transport().close();
    runtime.snapshotter().close();
    snapshotWriter.shutdown();
    storage.close();
    LOG.info("stopped");
  }

  /**
   * If this member leads, hands leadership to its most caught-up voter and waits (up to two
   * election timeouts) for it to take over; returns at once otherwise. Call it before stopping
   * the listeners, so clients keep being served meanwhile.
   */
  public void handOverLeadership() {
    if (started && !closed) {
      transferLeadership();
    }
  }

  private void transferLeadership() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(2L * config.electionTimeoutMs());
    runtime.inbox().submit(new RaftRequest.TransferLeadership(done, System.nanoTime() + timeoutNanos));
    try {
      done.get(timeoutNanos + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("leadership transfer at shutdown did not finish: {}", e.toString());
    }
  }

  public long memberId() { return runtime.memberId(); }

  public long clusterId() { return runtime.clusterId(); }

  /** For tests that inspect the ids a member computed: every member of the initial cluster by name. */
  public static Map<String, Long> initialMemberIds(MemberConfig config) {
    return ClusterIdentity.fromConfig(config).memberIds();
  }
}
