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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
          confState.voters());
    }
    RaftConfig raftConfig = new RaftConfig(identity.memberId(), config.electionTicks(), 1, drive.maxMessageBytes(),
        MAX_INFLIGHT_MSGS, true, config.preVote(), applied, drive.randomSeed(), MAX_UNCOMMITTED_BYTES);
    List<Peer> peers = fresh && joining.isEmpty() ? bootstrapPeers(config, identity) : List.of();
    RaftNode node = RaftNode.create(raftConfig, log, peers);

    this.metrics = new ServerMetrics();
    this.ids = new RequestIds(identity.memberId(), clock.wallMillis());
    this.inbox = new RaftInbox(RaftInbox.PEER_CAPACITY);
    this.membership = new Membership(store);
    this.roundTrips = new RoundTrips(metrics);
    this.transport = transports.apply(new TransportSetup(identity.memberId(), identity.clusterId(), inbox, roundTrips,
        () -> new ClusterInfo(identity.clusterId(), membership.list()).encode()));
    this.publisher = new MemberPublisher(identity.memberId(), config.name(), clientUrls, clock, this::propose, store);
    this.snapshotter = new Snapshotter(config.snapshotCount(), disk.snapshots(),
        snapshot -> inbox.submit(new RaftRequest.Compact(snapshot)), metrics, applied, drive.snapshotWriter());
    this.applier = new Applier(store, publisher, snapshotter, metrics, applied, appliedTerm);
    this.applySink = drive.applySink().apply(applier);
    RaftDriver.Parts parts = new RaftDriver.Parts(identity.memberId(), log, disk.snapshots(), transport, applySink,
        store::hasTtlKeys, membership, publisher, metrics, clock, inbox, ids, config.heartbeatIntervalMs(),
        drive.randomSeed() * 31 + 7);
    this.driver = new RaftDriver(parts, node, confState, voters == 1);
    metrics.gauge("etcd.debugging.store.watchers", "Count of currently active watchers.",
        () -> store.stats().watchers());
    // The transport starts out knowing every member it can know of now; conf changes replayed
    // from the log, and snapshots, keep it current from here on.
    if (joining.isPresent()) {
      joining.get().members().forEach(m -> driver.roster().add(m.id(), urls(m.peerUrls())));
    } else if (fresh) {
      config.initialCluster().forEach((name, urls) -> driver.roster().add(identity.memberIds().get(name), urls));
    } else {
      membership.list().forEach(m -> driver.roster().add(m.id(), urls(m.peerUrls())));
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
  @Override public long raftTerm() { return driver.view().term(); }
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

  @Override public List<FollowerStatus> followers() {
    if (driver.view().role() != io.etcdj.raft.StateRole.LEADER) {
      return List.of();
    }
    List<FollowerStatus> followers = new ArrayList<>();
    driver.view().progress().forEach((id, p) -> {
      double[] latency = roundTrips.latency(id);
      io.etcdj.raft.transport.PeerStats link = transport.linkStats(id).orElse(null);
      followers.add(new FollowerStatus(id, p.match(), p.next(), p.learner(), p.recentActive(), latency[0], latency[1],
          latency[2], latency[3], latency[4], link == null ? 0 : link.messagesSent(),
          link == null ? 0 : link.sendFailures()));
    });
    return followers;
  }

  @Override public CompletableFuture<Member> addMember(List<URI> peerUrls) {
    List<String> urls = peerUrls.stream().map(URI::toString).sorted().toList();
    long id = newMemberId(urls, clock.wallMillis());
    if (membership.isRemoved(id)) {
      return CompletableFuture.failedFuture(new MembershipException(MembershipException.Reason.ID_REMOVED, id));
    }
    for (Member m : membership.list()) {
      if (m.id() == id) {
        return CompletableFuture.failedFuture(new MembershipException(MembershipException.Reason.ID_EXISTS, id));
      }
      if (m.peerUrls().stream().anyMatch(urls::contains)) {
        return CompletableFuture.failedFuture(new MembershipException(MembershipException.Reason.PEER_URL_EXISTS, id));
      }
    }
    // A new member joins as a learner: a slow joiner cannot cost the cluster its quorum. The
    // leader promotes it once it has caught up.
    byte[] context = MemberJson.confChangeContext(id, "", peerUrls);
    return configure(new ConfChange(ConfChange.ConfChangeType.ADD_LEARNER_NODE, id, context))
        .thenApply(done -> new Member(id, "", urls, List.of(), true));
  }

  @Override public CompletableFuture<Void> removeMember(long memberId) {
    if (membership.isRemoved(memberId)) {
      return CompletableFuture.failedFuture(new MembershipException(MembershipException.Reason.ID_REMOVED, memberId));
    }
    if (membership.find(memberId).isEmpty()) {
      return notFoundAfterTheLog(memberId);
    }
    return configure(new ConfChange(ConfChange.ConfChangeType.REMOVE_NODE, memberId, new byte[0]));
  }

  @Override public CompletableFuture<Void> updateMember(long memberId, List<URI> peerUrls) {
    List<String> urls = peerUrls.stream().map(URI::toString).sorted().toList();
    Optional<Member> existing = membership.find(memberId);
    if (existing.isEmpty()) {
      return notFoundAfterTheLog(memberId);
    }
    for (Member m : membership.list()) {
      if (m.id() != memberId && m.peerUrls().stream().anyMatch(urls::contains)) {
        return CompletableFuture.failedFuture(new MembershipException(MembershipException.Reason.PEER_URL_EXISTS, memberId));
      }
    }
    byte[] context = MemberJson.confChangeContext(memberId, existing.get().name(), peerUrls);
    return configure(new ConfChange(ConfChange.ConfChangeType.UPDATE_NODE, memberId, context));
  }

  /**
   * etcd proposes a change naming an unknown member through Raft before it finds the member
   * missing, so its answer waits for a log entry (and X-Raft-Index moves): so does this one.
   */
  private CompletableFuture<Void> notFoundAfterTheLog(long memberId) {
    return logBarrier(config.requestTimeout()).handle((ok, error) -> {
      throw new MembershipException(MembershipException.Reason.ID_NOT_FOUND, memberId);
    });
  }

  private CompletableFuture<Void> configure(ConfChange change) {
    CompletableFuture<Void> future = new CompletableFuture<>();
    inbox.submit(new RaftRequest.ConfChangeProposal(change, future, clock.nanoTime() + timeoutNanos));
    return future;
  }

  /** etcd's NewMember for an added member: SHA-1 of the sorted peer URLs and the time in seconds. */
  static long newMemberId(List<String> sortedPeerUrls, long nowMs) {
    StringBuilder b = new StringBuilder();
    sortedPeerUrls.forEach(b::append);
    b.append(nowMs / 1000);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-1").digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(hash).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
