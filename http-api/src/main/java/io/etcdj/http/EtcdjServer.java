package io.etcdj.http;

import io.etcdj.kvstore.Store;
import io.etcdj.raft.ConfState;
import io.etcdj.raft.LogStorage;
import io.etcdj.raft.Peer;
import io.etcdj.raft.RaftConfig;
import io.etcdj.raft.RaftNode;
import io.etcdj.raft.Snapshot;
import io.etcdj.raft.storage.RocksLogStorage;
import io.etcdj.raft.storage.SnapshotStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running member: storage, Raft loop, store and HTTP listeners. */
public final class EtcdjServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EtcdjServer.class);
  private static final long MAX_SIZE_PER_MSG_BYTES = 1024 * 1024;
  private static final int MAX_INFLIGHT_MSGS = 512;

  private final RocksLogStorage storage;
  private final RaftLoop loop;
  private final Snapshotter snapshotter;
  private final HttpServer http;
  private final RaftBackend backend;
  private final ClusterIdentity identity;
  private boolean closed;

  private EtcdjServer(RocksLogStorage storage, RaftLoop loop, Snapshotter snapshotter, HttpServer http, RaftBackend backend,
                      ClusterIdentity identity) {
    this.storage = storage;
    this.loop = loop;
    this.snapshotter = snapshotter;
    this.http = http;
    this.backend = backend;
    this.identity = identity;
  }

  /** Starts a member and returns once it serves (leader elected for a single member). */
  public static EtcdjServer start(ServerConfig config) {
    Instant startTime = Instant.now();
    Path memberDir = config.dataDir().resolve("member");
    try {
      Files.createDirectories(memberDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data dir " + memberDir, e);
    }
    ClusterIdentity identity = identity(config, memberDir);
    LOG.debug("phase: identity done");
    // The log knows the snapshot files so a restarted leader can send one to a lagging follower.
    SnapshotStore snapshots = SnapshotStore.open(memberDir.resolve("snap"));
    RocksLogStorage storage = RocksLogStorage.open(memberDir.resolve("wal"), snapshots);
    LOG.debug("phase: wal open");
    RaftLoop loop = null;
    HttpServer http = null;
    try {
      Optional<Snapshot> newest = snapshots.loadNewest();
      Store store = newest.map(s -> Store.restore(s.data(), config.watchHistory()))
          .orElseGet(() -> Store.etcdV2(config.watchHistory()));
      long applied = newest.map(s -> s.metadata().index()).orElse(0L);
      long appliedTerm = newest.map(s -> s.metadata().term()).orElse(0L);
      boolean fresh = storage.lastIndex() == 0 && newest.isEmpty();
      LogStorage.InitialState initial = storage.initialState();
      ConfState confState = initial.confState();
      int voters = fresh ? config.initialCluster().size() : confState.voters().size();
      if (!fresh) {
        LOG.info("restarting member {} in cluster {} at commit index {} (snapshot at {}, voters {})",
            ClusterIdentity.hex(identity.memberId()), ClusterIdentity.hex(identity.clusterId()),
            initial.hardState().commit(), applied, confState.voters());
      }

      ServerMetrics metrics = new ServerMetrics();
      long timeoutNanos = MemberPublisher.defaultTimeoutNanos(config.electionTimeoutMs());
      RaftConfig raftConfig = new RaftConfig(identity.memberId(),
          Math.max(2, config.electionTimeoutMs() / config.heartbeatIntervalMs()), 1, MAX_SIZE_PER_MSG_BYTES,
          MAX_INFLIGHT_MSGS, true, false, applied, identity.memberId() ^ System.nanoTime());
      RaftNode node = RaftNode.create(raftConfig, storage, fresh ? peers(config, identity) : List.of());

      // The publisher needs the advertised URLs, which may carry ports bound from port 0: the list is
      // filled once the listeners are up, before the loop thread starts (Thread.start publishes it).
      List<URI> clientUrls = new ArrayList<>();
      MemberPublisher publisher = new MemberPublisher(identity.memberId(), config.name(), clientUrls, timeoutNanos);
      RaftLoop[] loopRef = new RaftLoop[1]; // the snapshotter hands compactions to the loop built next
      Snapshotter snapshotter = new Snapshotter(config.snapshotCount(), snapshots,
          snapshot -> loopRef[0].submit(new RaftRequest.Compact(snapshot)), metrics, applied);
      ApplyLoop applier = new ApplyLoop(store, publisher, snapshotter, metrics, applied, appliedTerm);
      loop = new RaftLoop(node, storage, store, publisher, applier, metrics, confState, applied,
          config.heartbeatIntervalMs(), voters == 1);
      loopRef[0] = loop;
      RaftBackend backend = new RaftBackend(loop, store, identity.clusterId(), timeoutNanos, config.quorumReadIndex());
      MemberState state = new MemberState(identity, config.name(), startTime, clientUrls, loop, backend, metrics);
      metrics.gauge("etcd.debugging.store.watchers", "Count of currently active watchers.",
          () -> store.stats().watchers());
      LOG.debug("phase: raft node created");
      http = new HttpServer(config.listenClientUrls(), new HttpRouter(new KeysHandler(backend), state));
      clientUrls.addAll(config.advertiseClientUrlsGiven() ? config.advertiseClientUrls() : http.boundUrls());
      LOG.debug("phase: listening");
      loop.start();
      EtcdjServer server = new EtcdjServer(storage, loop, snapshotter, http, backend, identity);
      server.awaitServing(publisher, timeoutNanos);
      LOG.info("ready to serve client requests on {} as member {} of cluster {} ({} ms after launch)",
          http.boundUrls(), ClusterIdentity.hex(identity.memberId()), ClusterIdentity.hex(identity.clusterId()),
          ProcessHandle.current().info().startInstant()
              .map(t -> java.time.Duration.between(t, Instant.now()).toMillis()).orElse(-1L));
      return server;
    } catch (RuntimeException e) {
      if (http != null) {
        http.close();
      }
      if (loop != null) {
        loop.close();
      }
      storage.close();
      throw e;
    }
  }

  private void awaitServing(MemberPublisher publisher, long timeoutNanos) {
    try {
      publisher.published().get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("member did not start serving: no leader or attributes not published", e);
    }
  }

  private static ClusterIdentity identity(ServerConfig config, Path memberDir) {
    Optional<long[]> stored = ClusterIdentity.load(memberDir);
    if (stored.isPresent()) {
      return new ClusterIdentity(stored.get()[0], stored.get()[1], Map.of(config.name(), stored.get()[0]));
    }
    ClusterIdentity fresh = ClusterIdentity.fromConfig(config);
    fresh.store(memberDir);
    return fresh;
  }

  /** The initial configuration with etcd's member JSON as each peer's conf-change context. */
  private static List<Peer> peers(ServerConfig config, ClusterIdentity identity) {
    List<Peer> peers = new ArrayList<>();
    config.initialCluster().forEach((name, urls) -> {
      long id = identity.memberIds().get(name);
      peers.add(new Peer(id, MemberJson.confChangeContext(id, name, urls)));
    });
    return peers;
  }

  /** The client URLs actually bound (a port 0 in --listen-client-urls resolved to the real port). */
  public List<URI> clientUrls() { return http.boundUrls(); }

  /** The backend the HTTP handlers use (for tests and embedding). */
  public ClientBackend backend() { return backend; }

  public long memberId() { return identity.memberId(); }

  public long clusterId() { return identity.clusterId(); }

  /** Stops listeners and the Raft loop and closes storage. */
  @Override public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    http.close();
    loop.close();
    snapshotter.close();
    storage.close();
    LOG.info("stopped");
  }
}
