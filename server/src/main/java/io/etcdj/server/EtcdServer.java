package io.etcdj.server;

import io.etcdj.raft.storage.RocksLogStorage;
import io.etcdj.raft.storage.SnapshotStore;
import io.etcdj.raft.transport.RaftInbound;
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
    ClusterIdentity identity = identity(config, memberDir);
    // The log knows the snapshot files so a restarted leader can send one to a lagging follower.
    SnapshotStore snapshots = SnapshotStore.open(memberDir.resolve("snap"));
    RocksLogStorage storage = RocksLogStorage.open(memberDir.resolve("wal"), snapshots);
    ExecutorService snapshotWriter = Snapshotter.newWriterThread();
    try {
      ApplyLoop[] applyLoop = new ApplyLoop[1];
      Function<Applier, ApplySink> sink = applier -> applyLoop[0] = new ApplyLoop(applier, Clock.SYSTEM, onFatal);
      MemberRuntime.Drive drive = new MemberRuntime.Drive(Clock.SYSTEM, sink, snapshotWriter,
          identity.memberId() ^ System.nanoTime());
      Function<RaftInbound, Transport> transports = NoTransport::new;
      MemberRuntime runtime = MemberRuntime.open(config, identity, Optional.empty(),
          new MemberRuntime.Disk(storage, snapshots), transports, drive, clientUrls);
      return new EtcdServer(config, storage, runtime, applyLoop, snapshotWriter, onFatal, onRemoved);
    } catch (RuntimeException e) {
      snapshotWriter.shutdownNow();
      storage.close();
      throw e;
    }
  }

  private static ClusterIdentity identity(MemberConfig config, Path memberDir) {
    Optional<long[]> stored = ClusterIdentity.load(memberDir);
    if (stored.isPresent()) {
      ClusterIdentity computed = ClusterIdentity.fromConfig(config);
      return new ClusterIdentity(stored.get()[0], stored.get()[1], computed.memberIds());
    }
    ClusterIdentity fresh = ClusterIdentity.fromConfig(config);
    fresh.store(memberDir);
    return fresh;
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
