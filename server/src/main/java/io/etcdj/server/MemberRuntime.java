package io.etcdj.server;

import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreReader;
import io.etcdj.kvstore.StoreResult;
import io.etcdj.raft.ConfChange;
import io.etcdj.raft.ConfState;
import io.etcdj.raft.HardState;
import io.etcdj.raft.LogStorage;
import io.etcdj.raft.Peer;
import io.etcdj.raft.RaftConfig;
import io.etcdj.raft.RaftNode;
import io.etcdj.raft.RaftStatus;
import io.etcdj.raft.Snapshot;
import io.etcdj.raft.WritableLogStorage;
import io.etcdj.raft.storage.SnapshotStorage;
import io.etcdj.raft.transport.RaftInbound;
import io.etcdj.raft.transport.Transport;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member's runtime without its threads: storage opened, the store restored, the Raft node,
 * driver, applier, publisher and membership wired together, and the {@link ServerV2} the HTTP
 * layer uses. {@link EtcdServer} runs it on its own threads; the cluster simulator runs the very
 * same object on its one thread, so the code the simulator checks is the code that serves.
 */
public final class MemberRuntime implements ServerV2 {
  private static final Logger LOG = LoggerFactory.getLogger(MemberRuntime.class);
  static final long MAX_SIZE_PER_MSG_BYTES = 1024 * 1024;
  static final int MAX_INFLIGHT_MSGS = 512;
  /** A leader cut off from its followers refuses proposals beyond this much uncommitted payload. */
  static final long MAX_UNCOMMITTED_BYTES = 64L << 20;

  /** The durable parts: the Raft log and the snapshot store. */
  public record Disk(WritableLogStorage log, SnapshotStorage snapshots) {}

  /**
   * How the parts are driven: the clock, who runs the applier (the apply thread's queue, or the
   * simulator's), who writes snapshots, the seed of the election-timeout randomisation, and the
   * byte limit of one append (the cluster simulator lowers it, so appends split into many).
   */
  record Drive(Clock clock, Function<Applier, ApplySink> applySink, Executor snapshotWriter,
                      long randomSeed, long maxMessageBytes) {
    Drive(Clock clock, Function<Applier, ApplySink> applySink, Executor snapshotWriter, long randomSeed) {
      this(clock, applySink, snapshotWriter, randomSeed, MAX_SIZE_PER_MSG_BYTES);
    }
  }

  /** The cluster as a running member described it, for a member joining with {@code existing}. */
  record Joining(long clusterId, List<Member> members) {}

  private final MemberConfig config;
  private final ClusterIdentity identity;
  private final Store store;
  private final RaftInbox inbox;
  private final RaftDriver driver;
  private final Applier applier;
  private final ApplySink applySink;
  private final MemberPublisher publisher;
  private final Snapshotter snapshotter;
  private final Membership membership;
  private final ServerMetrics metrics;
  private final RequestIds ids;
  private final Clock clock;
  private final Transport transport;
  private final RoundTrips roundTrips;
  private final SelfStatsRecorder selfStats;
  private final MembershipChanges changes;
  private final Instant startTime;
  private final long timeoutNanos;
  private final String clusterIdHex;

  /**
   * Opens a member over {@code disk}: a fresh one bootstraps the initial cluster (or, with
   * {@code joining}, waits to hear from the cluster's leader), a restarted one resumes from its
   * newest snapshot and log. {@code clientUrls} is filled by the caller before the member runs.
   */
  static MemberRuntime open(MemberConfig config, ClusterIdentity identity, Optional<Joining> joining,
                                   Disk disk, Function<TransportSetup, Transport> transports, Drive drive,
                                   List<URI> clientUrls) {
    return new MemberRuntime(config, identity, joining, disk, transports, drive, clientUrls);
  }

  private MemberRuntime(MemberConfig config, ClusterIdentity identity, Optional<Joining> joining, Disk disk,
                        Function<TransportSetup, Transport> transports, Drive drive, List<URI> clientUrls) {
    this.config = config;
    this.identity = identity;
    this.clock = drive.clock();
    this.startTime = Instant.ofEpochMilli(clock.wallMillis());
    this.timeoutNanos = config.requestTimeout().toNanos();
    this.clusterIdHex = ClusterIdentity.hex(identity.clusterId());
    WritableLogStorage log = disk.log();
    Optional<Snapshot> newest = disk.snapshots().loadNewest();
    newest.ifPresent(s -> finishInterruptedInstall(log, s));
    this.store = newest.map(s -> Store.restore(s.data(), config.watchHistory()))
        .orElseGet(() -> Store.etcdV2(config.watchHistory()));
    long applied = newest.map(s -> s.metadata().index()).orElse(0L);
    long appliedTerm = newest.map(s -> s.metadata().term()).orElse(0L);
    boolean fresh = log.lastIndex() == 0 && newest.isEmpty();
    LogStorage.InitialState initial = log.initialState();
    ConfState confState = initial.confState();
    if (confState.voters().isEmpty() && newest.isPresent()) {
      confState = newest.get().metadata().confState();
    }
    int voters = fresh ? (joining.isPresent() ? 0 : config.initialCluster().size()) : confState.voters().size();
    if (!fresh) {
      LOG.info("restarting member {} in cluster {} at commit index {} (snapshot at {}, voters {})",
          ClusterIdentity.hex(identity.memberId()), clusterIdHex, initial.hardState().commit(), applied,
          confState.voters().stream().map(ClusterIdentity::hex).toList());
    }
    RaftConfig raftConfig = new RaftConfig(identity.memberId(), config.electionTicks(), 1, drive.maxMessageBytes(),
        MAX_INFLIGHT_MSGS, true, config.preVote(), applied, drive.randomSeed(), MAX_UNCOMMITTED_BYTES);
    List<Peer> peers = fresh && joining.isEmpty() ? bootstrapPeers(config, identity) : List.of();
    RaftNode node = RaftNode.create(raftConfig, log, peers);

    this.metrics = new ServerMetrics();
    this.ids = new RequestIds(identity.memberId(), clock.wallMillis());
    this.inbox = new RaftInbox(RaftInbox.PEER_CAPACITY);
    this.membership = new Membership(store);
    this.roundTrips = new RoundTrips(metrics, clock);
    this.selfStats = new SelfStatsRecorder(config.name(), identity.memberId(), clock, startTime);
    this.transport = transports.apply(new TransportSetup(identity.memberId(), identity.clusterId(), inbox, roundTrips,
        () -> new ClusterInfo(identity.clusterId(), membership.list()).encode()));
    this.publisher = new MemberPublisher(identity.memberId(), config.name(), clientUrls, clock, this::propose, store);
    this.snapshotter = new Snapshotter(config.snapshotCount(), disk.snapshots(),
        snapshot -> inbox.submit(new RaftRequest.Compact(snapshot)), metrics, applied, drive.snapshotWriter());
    this.applier = new Applier(store, publisher, snapshotter, metrics, applied, appliedTerm);
    this.applySink = drive.applySink().apply(applier);
    RaftDriver.Parts parts = new RaftDriver.Parts(identity.memberId(), log, disk.snapshots(), transport, applySink,
        store::hasTtlKeys, membership, publisher, metrics, selfStats, clock, inbox, ids, config.heartbeatIntervalMs(),
        drive.randomSeed() * 31 + 7);
    this.driver = new RaftDriver(parts, node, confState, voters == 1);
    this.changes = new MembershipChanges(identity.memberId(), membership, roundTrips, transport, clock,
        this::configure, () -> logBarrier(config.requestTimeout()));
    metrics.gauge("etcd.debugging.store.watchers", "Count of currently active watchers.",
        () -> store.stats().watchers());
    // etcd's etcd_server_is_learner, from this member's own record (what /v2/members is built
    // from): 1 from its addition as a learner until its promotion is applied here.
    metrics.gauge("etcd.server.is_learner", "Whether or not this member is a learner. 1 if is, 0 otherwise.",
        () -> membership.find(identity.memberId()).map(m -> m.learner() ? 1 : 0).orElse(0));
    // The transport starts out knowing every member it can know of now; conf changes replayed
    // from the log, and snapshots, keep it current from here on.
    if (joining.isPresent()) {
      joining.get().members().forEach(m -> driver.roster().add(m.id(), urls(m.peerUrls())));
    } else if (fresh) {
      config.initialCluster().forEach((name, urls) -> driver.roster().add(identity.memberIds().get(name), urls));
    } else {
      membership.list().forEach(m -> driver.roster().add(m.id(), urls(m.peerUrls())));
      // A removal older than the newest snapshot is not replayed from the log, only found in the
      // store: the transport must still refuse that member as removed (so that, should it come
      // back, it learns it and stops), not as a stranger.
      membership.removedIds().forEach(transport::removePeer);
    }
  }

  /**
   * A snapshot received from the leader is saved before the log is reset to it; a crash in
   * between leaves a snapshot newer than the log. It was committed, so the install is finished
   * now rather than thrown away.
   */
  private static void finishInterruptedInstall(WritableLogStorage log, Snapshot snapshot) {
    if (snapshot.metadata().index() > log.lastIndex()) {
      LOG.info("completing the install of the leader's snapshot at index {}", snapshot.metadata().index());
      log.save(HardState.EMPTY, List.of(), snapshot, true);
    }
  }

  private static List<URI> urls(List<String> text) { return text.stream().map(URI::create).toList(); }

  /** The initial configuration, sorted by id as etcd's, each with etcd's member JSON as context. */
  private static List<Peer> bootstrapPeers(MemberConfig config, ClusterIdentity identity) {
    List<Peer> peers = new ArrayList<>();
    config.initialCluster().forEach((name, urls) -> {
      long id = identity.memberIds().get(name);
      peers.add(new Peer(id, MemberJson.confChangeContext(id, name, urls)));
    });
    peers.sort((a, b) -> Long.compareUnsigned(a.id(), b.id()));
    return peers;
  }

  // ---- the parts, for the thread that drives them ------------------------------------------

  RaftDriver driver() { return driver; }
  RaftInbox inbox() { return inbox; }
  Applier applier() { return applier; }
  Snapshotter snapshotter() { return snapshotter; }
  Transport transport() { return transport; }
  MemberPublisher publisher() { return publisher; }
  /** The writable store: only the applier writes it; exposed to the simulator's checks. */
  Store writableStore() { return store; }

  // ---- ServerV2 ------------------------------------------------------------------------------

  @Override public CompletableFuture<StoreResult> propose(StoreCommand command) {
    CompletableFuture<StoreResult> future = new CompletableFuture<>();
    long id = ids.next();
    inbox.submit(new RaftRequest.Proposal(id, EntryCodec.encode(id, command), future, clock.nanoTime() + timeoutNanos));
    return future;
  }

  /**
   * ReadIndex by default: no log write, and all barriers of one loop iteration share one
   * confirmation round; with {@code quorumReadIndex} off, an entry through the log as etcd 3.4's
   * QGET (so X-Raft-Index moves exactly as etcd's).
   */
  @Override public CompletableFuture<Void> readBarrier() {
    if (!config.quorumReadIndex()) {
      return logBarrier(config.requestTimeout());
    }
    CompletableFuture<Void> future = new CompletableFuture<>();
    inbox.submit(new RaftRequest.ReadBarrier(future, clock.nanoTime() + timeoutNanos));
    return future;
  }

  @Override public CompletableFuture<Void> logBarrier(Duration timeout) {
    CompletableFuture<StoreResult> future = new CompletableFuture<>();
    long id = ids.next();
    inbox.submit(new RaftRequest.Proposal(id, EntryCodec.barrier(id, identity.memberId()), future,
        clock.nanoTime() + timeout.toNanos()));
    return future.thenApply(applied -> null);
  }

  @Override public StoreReader store() { return store; }
  @Override public long raftIndex() { return driver.view().commitIndex(); }
  /** etcd's X-Raft-Term: the term of the last applied entry, not the Raft term (that moves with every campaign). */
  @Override public long raftTerm() { return applier.appliedTerm(); }
  @Override public String clusterIdHex() { return clusterIdHex; }
  @Override public long nowMs() { return clock.wallMillis(); }
  @Override public long memberId() { return identity.memberId(); }
  @Override public long clusterId() { return identity.clusterId(); }
  @Override public ServerMetrics metrics() { return metrics; }

  @Override public MemberStatus status() {
    RaftView view = driver.view();
    RaftStatus raft = view.status();
    long since = view.leaderSinceMs();
    return new MemberStatus(identity.memberId(), config.name(), view.role(), view.leaderId(),
        since == 0 ? startTime : Instant.ofEpochMilli(since), startTime, raft.term(), raft.commit(),
        applier.appliedIndex(), (long) metrics.appendsSent.count(), (long) metrics.appendsReceived.count());
  }

  @Override public List<Member> members() { return membership.list(); }

  @Override public Optional<Member> leader() {
    long leader = driver.view().leaderId();
    return leader == 0 ? Optional.empty() : membership.find(leader);
  }

  @Override public SelfStats selfStats() { return selfStats.view(); }

  /**
   * Every other member while this one leads, as etcd's LeaderStats lists them: from when the
   * member is added (with no round trip yet) until it is removed.
   */
  @Override public List<FollowerStatus> followers() {
    if (driver.view().role() != io.etcdj.raft.StateRole.LEADER) {
      return List.of();
    }
    java.util.Map<Long, io.etcdj.raft.FollowerProgress> progress = driver.view().progress();
    List<FollowerStatus> followers = new ArrayList<>();
    for (Member m : membership.list()) {
      if (m.id() == identity.memberId()) {
        continue;
      }
      io.etcdj.raft.FollowerProgress p = progress.get(m.id());
      double[] latency = roundTrips.latency(m.id());
      io.etcdj.raft.transport.PeerStats link = transport.linkStats(m.id()).orElse(null);
      followers.add(new FollowerStatus(m.id(), p == null ? 0 : p.match(), p == null ? 0 : p.next(), m.learner(),
          p != null && p.recentActive(), latency != null,
          latency == null ? 0 : latency[0], latency == null ? 0 : latency[1], latency == null ? 0 : latency[2],
          latency == null ? FollowerStatus.NO_MINIMUM_MS : latency[3], latency == null ? 0 : latency[4],
          link == null ? 0 : link.messagesSent(), link == null ? 0 : link.sendFailures()));
    }
    return followers;
  }

  @Override public Optional<MembershipException.Reason> mayAddMember() { return changes.mayAdd(); }

  @Override public Optional<MembershipException.Reason> mayRemoveMember(long memberId) {
    return changes.mayRemove(memberId);
  }

  @Override public CompletableFuture<Member> addMember(List<URI> peerUrls) { return changes.add(peerUrls); }

  @Override public CompletableFuture<Void> removeMember(long memberId) { return changes.remove(memberId); }

  @Override public CompletableFuture<Void> updateMember(long memberId, List<URI> peerUrls) {
    return changes.update(memberId, peerUrls);
  }

  private CompletableFuture<Void> configure(ConfChange change) {
    CompletableFuture<Void> future = new CompletableFuture<>();
    inbox.submit(new RaftRequest.ConfChangeProposal(change, future, clock.nanoTime() + timeoutNanos));
    return future;
  }
}
