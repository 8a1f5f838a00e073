package io.etcdj.server;

import io.etcdj.kvstore.StoreCommand;
import io.etcdj.raft.ConfChange;
import io.etcdj.raft.ConfState;
import io.etcdj.raft.Entry;
import io.etcdj.raft.EntryType;
import io.etcdj.raft.HardState;
import io.etcdj.raft.Message;
import io.etcdj.raft.MessageType;
import io.etcdj.raft.ProposalDroppedException;
import io.etcdj.raft.RaftNode;
import io.etcdj.raft.RaftStatus;
import io.etcdj.raft.ReadState;
import io.etcdj.raft.Ready;
import io.etcdj.raft.SoftState;
import io.etcdj.raft.StateRole;
import io.etcdj.raft.WritableLogStorage;
import io.etcdj.raft.storage.SnapshotStorage;
import io.etcdj.raft.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The member's Raft loop, one iteration at a time (etcd's etcdserver/raft.go): drain the inbox
 * (proposals straight into the Raft log, read barriers into one ReadIndex, peer messages into the
 * node), tick when a heartbeat interval has passed, then handle each Ready in etcd's order:
 * <ol>
 *   <li>the leader's appends, heartbeats and snapshots go out first, so followers persist in
 *       parallel with the leader's own fsync (commit latency is then the slower of the two, not
 *       their sum);</li>
 *   <li>a snapshot from the leader is saved to the snapshot store, then the log is reset to it
 *       and the Ready's entries and hard state are written: one synced WriteBatch for everything
 *       gathered since the last one (group commit);</li>
 *   <li>every other message (votes, responses) goes out only now, since it promises what was
 *       just made durable;</li>
 *   <li>conf changes are applied to the configuration and the transport;</li>
 *   <li>committed entries (and the snapshot to restore) go to the {@link ApplySink}, so applying
 *       overlaps the next fsync; then advance.</li>
 * </ol>
 * Owned by one thread: {@link RaftLoop}'s in a server, the simulation thread in tests. Other
 * threads only reach it through the {@link RaftInbox} and read the {@link RaftView}.
 */
final class RaftDriver {
  private static final Logger LOG = LoggerFactory.getLogger(RaftDriver.class);
  private static final long EXPIRE_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final long selfId;
  private final RaftNode node;
  private final WritableLogStorage storage;
  private final SnapshotStorage snapshots;
  private final Transport transport;
  private final ApplySink applier;
  private final BooleanSupplier hasTtlKeys;
  private final MemberPublisher publisher;
  private final ServerMetrics metrics;
  private final SelfStatsRecorder selfStats;
  private final Clock clock;
  private final RaftInbox inbox;
  private final RequestIds ids;
  private final PendingReads reads;
  private final ProposalQueue proposals;
  private final PeerRoster roster;
  private final Membership membership;
  private final RaftView view;
  private final long tickNanos;

  private long nextTickNanos;
  private long nextExpireNanos;
  private boolean campaignPending; // a sole voter campaigns at once instead of waiting an election timeout
  private boolean leaderChanged;
  private ConfState confState;
  private RaftRequest.TransferLeadership transfer;
  private boolean removed;
  /** When a follower that saw its leader's connection drop campaigns; 0 when none is due. */
  private long campaignAtNanos;
  private final LearnerPromotion promotion;
  private final java.util.SplittableRandom random;

  RaftDriver(Parts parts, RaftNode node, ConfState confState, boolean campaignAtStart) {
    this.selfId = parts.selfId();
    this.node = node;
    this.storage = parts.storage();
    this.snapshots = parts.snapshots();
    this.transport = parts.transport();
    this.applier = parts.applier();
    this.hasTtlKeys = parts.hasTtlKeys();
    this.publisher = parts.publisher();
    this.metrics = parts.metrics();
    this.selfStats = parts.selfStats();
    this.clock = parts.clock();
    this.inbox = parts.inbox();
    this.ids = parts.ids();
    this.tickNanos = TimeUnit.MILLISECONDS.toNanos(parts.tickMs());
    this.reads = new PendingReads(ids::next, TimeUnit.MILLISECONDS.toNanos(500));
    this.proposals = new ProposalQueue(node, metrics);
    this.roster = new PeerRoster(selfId, transport);
    this.membership = parts.membership();
    this.promotion = new LearnerPromotion(membership, proposals, 10 * tickNanos);
    this.confState = confState;
    this.campaignPending = campaignAtStart;
    this.view = new RaftView(node.basicStatus());
    this.nextTickNanos = clock.nanoTime() + tickNanos;
    this.random = new java.util.SplittableRandom(parts.randomSeed());
  }

  /** What the driver is built from; the same record in a server and in the simulator. */
  record Parts(long selfId, WritableLogStorage storage, SnapshotStorage snapshots, Transport transport,
               ApplySink applier, BooleanSupplier hasTtlKeys, Membership membership, MemberPublisher publisher,
               ServerMetrics metrics, SelfStatsRecorder selfStats, Clock clock, RaftInbox inbox, RequestIds ids,
               int tickMs, long randomSeed) {}

  RaftView view() { return view; }

  PeerRoster roster() { return roster; }

  /** Whether this member applied its own removal from the cluster: it must stop. */
  boolean removed() { return removed; }

  /** First call, before any iteration: a sole voter starts its election at once. */
  void start() { maybeCampaign(); }

  /** One iteration; returns whether there was anything to do. */
  boolean runOnce() {
    boolean worked = drainInbox();
    long now = clock.nanoTime();
    if (now - nextTickNanos >= 0) {
      tick(now);
      worked = true;
    }
    maybeProposeExpire(now);
    if (campaignAtNanos != 0 && now - campaignAtNanos >= 0) {
      campaignAtNanos = 0;
      if (view.leaderId() == 0) {
        node.campaign(); // a pre-vote first: harmless if the leader is in fact alive
      }
    }
    if (leaderChanged || reads.askDue(now)) {
      reads.askPending(now, leaderChanged, node::requestReadIndex);
    }
    leaderChanged = false;
    while (node.hasReady()) {
      handleReady(node.ready());
      worked = true;
    }
    if (proposals.hasProposed()) { // proposals that produced no Ready yet still need registering
      applier.enqueue(new ApplyBatch(proposals.takeProposed(), proposals.takeConfChanges(), null, List.of(),
          List.of(), confState, ApplyBatch.NOTHING));
    }
    reads.failExpired(now);
    proposals.failExpired(now);
    expireTransfer(now);
    return worked;
  }

  /** Nanoseconds until the next timer is due (the loop may sleep that long when idle). */
  long nanosToNextTick() {
    long next = nextTickNanos;
    if (campaignAtNanos != 0 && campaignAtNanos - next < 0) {
      next = campaignAtNanos;
    }
    return next - clock.nanoTime();
  }

  private void tick(long now) {
    node.tick();
    nextTickNanos += tickNanos;
    if (now - nextTickNanos > 10 * tickNanos) {
      nextTickNanos = now + tickNanos; // after a long stall, don't replay a burst of ticks
    }
    proposals.retryWaiting(view.leaderId() != 0);
    if (view.role() == StateRole.LEADER) {
      RaftStatus status = node.status(); // with every follower's progress, once a tick
      view.progress(status.progress());
      promotion.promoteCaughtUp(status, now);
    }
    if (view.leaderId() != 0 && publisher.due()) {
      // After everything committed so far is applied, so the publisher sees whether the cluster
      // version is already recorded.
      boolean leader = view.role() == StateRole.LEADER;
      applier.enqueue(ApplyBatch.task(confState, () -> publisher.publish(leader)));
    }
  }

  private boolean drainInbox() {
    RaftRequest request = inbox.poll();
    if (request == null) {
      return false;
    }
    for (; request != null; request = inbox.poll()) {
      handle(request);
    }
    return true;
  }

  private void handle(RaftRequest request) {
    if (request instanceof RaftRequest.PeerMessage m) {
      stepPeerMessage(m.message());
    } else if (request instanceof RaftRequest.Proposal p) {
      proposals.propose(p, view.leaderId() != 0);
    } else if (request instanceof RaftRequest.ReadBarrier b) {
      reads.add(b);
    } else if (request instanceof RaftRequest.ConfChangeProposal c) {
      proposals.proposeConfChange(c, view.leaderId() != 0);
    } else if (request instanceof RaftRequest.Compact c) {
      storage.compact(c.snapshot());
    } else if (request instanceof RaftRequest.TransferLeadership t) {
      startTransfer(t);
    } else if (request instanceof RaftRequest.PeerUnreachable u) {
      node.reportUnreachable(u.memberId());
    } else if (request instanceof RaftRequest.SnapshotStatus s) {
      node.reportSnapshot(s.memberId(), s.failed());
    } else if (request instanceof RaftRequest.PeerDisconnected d) {
      onPeerDisconnected(d.memberId());
    } else if (request instanceof RaftRequest.SyncPeers s) {
      roster.sync(s.members(), confState);
    } else if (request instanceof RaftRequest.PeerIntroduced p && !roster.ids().contains(p.memberId())
        && !membership.isRemoved(p.memberId())) {
      // Most likely a member (the leader, say) added while this one was down: without its
      // address this member could not answer it, nor ever catch up.
      LOG.info("talking to {} at {}: it dialed this member before the conf change adding it was applied here",
          ClusterIdentity.hex(p.memberId()), p.peerUrls());
      roster.add(p.memberId(), p.peerUrls());
    } else if (request instanceof RaftRequest.RemovedByPeer r && !removed) {
      LOG.warn("member {} refused this member as removed from the cluster: it stops (the data-dir used by this"
          + " member must be removed before it can join again)", ClusterIdentity.hex(r.memberId()));
      removed = true;
    }
  }

  private void stepPeerMessage(Message m) {
    if (m.type() == MessageType.APP) {
      metrics.appendsReceived.increment();
      selfStats.appendReceived(m);
    }
    node.step(m);
  }

  /**
   * The OS closed the connection the leader sent on: its process has most likely died. Rather
   * than wait out an election timeout, forget it (so this member grants pre-votes at once) and
   * campaign after a short delay. The delay grows with this member's rank among the remaining
   * voters (by id), so the followers that all saw the leader go campaign one after the other
   * instead of splitting the vote (which costs a whole randomised election timeout); a follower
   * whose log is behind loses its turn and the next one wins. Pre-vote keeps a leader that is in
   * fact alive from being disrupted.
   */
  private void onPeerDisconnected(long memberId) {
    if (memberId != view.leaderId() || view.role() == StateRole.LEADER) {
      return;
    }
    LOG.info("the connection from leader {} was closed by its side: looking for a new leader",
        ClusterIdentity.hex(memberId));
    node.forgetLeader();
    List<Long> others = confState.voters().stream().filter(id -> id != memberId)
        .sorted(Long::compareUnsigned).toList();
    int rank = Math.max(0, others.indexOf(selfId));
    long turnMs = Math.max(10, tickMs() / 2);
    long delayMs = 2 + rank * turnMs + random.nextInt((int) Math.max(1, turnMs / 5));
    campaignAtNanos = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
  }

  private long tickMs() { return TimeUnit.NANOSECONDS.toMillis(tickNanos); }

  /** The leader's clock tick for TTLs (etcd's SYNC): every 500 ms while any key has a TTL. */
  private void maybeProposeExpire(long now) {
    if (view.role() != StateRole.LEADER || now - nextExpireNanos < 0) {
      return;
    }
    nextExpireNanos = now + EXPIRE_PERIOD_NANOS;
    if (hasTtlKeys.getAsBoolean()) {
      byte[] data = EntryCodec.encode(0, new StoreCommand.Expire(clock.wallMillis()));
      proposals.propose(new RaftRequest.Proposal(0, data, null, 0), true);
    }
  }

  private void handleReady(Ready ready) {
    if (ready.softState() != null) {
      onSoftState(ready.softState());
    }
    List<Message> afterPersist = sendLeaderMessages(ready.messages());
    if (!ready.snapshot().isEmpty()) {
      // Durable in the snapshot store before the log forgets what it replaces.
      snapshots.save(ready.snapshot());
      metrics.snapshotsReceived.increment();
      LOG.info("received the leader's snapshot at index {}", ready.snapshot().metadata().index());
    }
    if (!ready.entries().isEmpty() || !ready.hardState().isEmpty() || !ready.snapshot().isEmpty()) {
      long started = clock.nanoTime();
      storage.save(ready.hardState(), ready.entries(), ready.snapshot(), ready.mustSync());
      if (ready.mustSync()) {
        metrics.walFsync.record(clock.nanoTime() - started, TimeUnit.NANOSECONDS);
      }
    }
    if (!ready.hardState().isEmpty()) {
      HardState hard = ready.hardState();
      if (hard.commit() > view.commitIndex()) {
        metrics.proposalsCommitted.increment(hard.commit() - view.commitIndex());
      }
    }
    if (!afterPersist.isEmpty()) {
      transport.send(afterPersist);
    }
    if (!ready.snapshot().isEmpty()) {
      confState = ready.snapshot().metadata().confState();
    }
    for (Entry entry : ready.committedEntries()) {
      if (entry.type() == EntryType.CONF_CHANGE) {
        applyConfChange(ConfChange.decode(entry.data()));
      }
    }
    List<PendingReads.Confirmed> confirmed = List.of();
    for (ReadState state : ready.readStates()) {
      PendingReads.Confirmed c = reads.confirm(state);
      if (c != null) {
        if (confirmed.isEmpty()) {
          confirmed = new ArrayList<>();
        }
        confirmed.add(c);
      }
    }
    view.update(node.basicStatus()); // before the apply thread answers clients: X-Raft-Index
    boolean snapshot = !ready.snapshot().isEmpty();
    if (proposals.hasProposed() || snapshot || !ready.committedEntries().isEmpty() || !confirmed.isEmpty()) {
      Runnable afterwards = snapshot ? this::afterSnapshotApplied : ApplyBatch.NOTHING;
      applier.enqueue(new ApplyBatch(proposals.takeProposed(), proposals.takeConfChanges(),
          snapshot ? ready.snapshot() : null, ready.committedEntries(), confirmed, confState, afterwards));
    }
    node.advance(ready);
    maybeCampaign();
  }

  /** On the apply thread, once the store holds the snapshot: the transport learns its members. */
  private void afterSnapshotApplied() {
    inbox.submit(new RaftRequest.SyncPeers(membership.list()));
  }

  /**
   * Sends the leader's replication traffic now and returns the rest, which may only leave once
   * this Ready is durable: a vote or an append response promises what was just persisted.
   */
  private List<Message> sendLeaderMessages(List<Message> messages) {
    if (messages.isEmpty()) {
      return messages;
    }
    List<Message> early = null;
    List<Message> late = null;
    for (Message m : messages) {
      boolean replication = m.type() == MessageType.APP || m.type() == MessageType.HEARTBEAT
          || m.type() == MessageType.SNAP;
      if (replication) {
        if (m.type() == MessageType.APP) {
          metrics.appendsSent.increment();
          selfStats.appendSent(m);
        }
        (early == null ? early = new ArrayList<>() : early).add(m);
      } else {
        (late == null ? late = new ArrayList<>() : late).add(m);
      }
    }
    if (early != null) {
      transport.send(early);
    }
    return late == null ? List.of() : late;
  }

  private void applyConfChange(ConfChange change) {
    // The configuration belongs to Raft: change it here, before advance; the apply thread writes
    // the member records into the store in log order.
    confState = node.applyConfChange(change);
    storage.saveConfState(confState);
    roster.apply(change);
    if (change.type() == ConfChange.ConfChangeType.ADD_NODE) {
      promotion.applied(change.nodeId());
    }
    if (change.type() == ConfChange.ConfChangeType.REMOVE_NODE && change.nodeId() == selfId) {
      LOG.warn("this member was removed from the cluster: it stops");
      removed = true;
    }
    campaignPending = true; // e.g. a restart that replays the bootstrap conf change
  }

  /** Campaigns once if this member is the only voter and no leader is known. */
  private void maybeCampaign() {
    if (!campaignPending) {
      return;
    }
    campaignPending = false;
    List<Long> voters = confState.voters();
    if (view.leaderId() == 0 && (voters.isEmpty() || (voters.size() == 1 && voters.get(0) == selfId))) {
      node.campaign();
    }
  }

  private void onSoftState(SoftState soft) {
    boolean wasLeader = view.role() == StateRole.LEADER;
    long previousLeader = view.leaderId();
    view.softState(soft, clock.wallMillis());
    selfStats.raftStateChanged();
    if (soft.leaderId() != previousLeader) {
      leaderChanged = true;
      if (soft.leaderId() != 0) {
        metrics.leaderChanges.increment();
        proposals.retryWaiting(true);
      }
    }
    metrics.hasLeader.set(soft.leaderId() != 0 ? 1 : 0);
    metrics.isLeader.set(soft.role() == StateRole.LEADER ? 1 : 0);
    if (soft.leaderId() != 0) {
      campaignAtNanos = 0; // someone leads: no need to look further
    }
    if (!wasLeader && soft.role() == StateRole.LEADER) {
      LOG.info("became leader at term {}", node.basicStatus().term());
    } else if (wasLeader && soft.role() != StateRole.LEADER) {
      LOG.info("stepped down at term {} (leader now {})", node.basicStatus().term(),
          soft.leaderId() == 0 ? "unknown" : ClusterIdentity.hex(soft.leaderId()));
      view.progress(java.util.Map.of()); // no stale follower progress once we no longer lead
    }
    if (transfer != null && soft.role() != StateRole.LEADER) {
      transfer.future().complete(null);
      transfer = null;
    }
  }

  /** Hands leadership to the voter with the most of the log (a graceful stop of the leader). */
  private void startTransfer(RaftRequest.TransferLeadership request) {
    RaftStatus status = node.status();
    long target = 0;
    long best = -1;
    for (java.util.Map.Entry<Long, io.etcdj.raft.FollowerProgress> e : status.progress().entrySet()) {
      io.etcdj.raft.FollowerProgress p = e.getValue();
      if (!p.learner() && p.recentActive() && p.match() > best) {
        best = p.match();
        target = e.getKey();
      }
    }
    if (status.role() != StateRole.LEADER || target == 0) {
      request.future().complete(null);
      return;
    }
    LOG.info("handing leadership to {} before stopping", ClusterIdentity.hex(target));
    transfer = request;
    node.transferLeadership(target);
  }

  private void expireTransfer(long now) {
    if (transfer != null && transfer.deadlineNanos() - now <= 0) {
      transfer.future().complete(null);
      transfer = null;
    }
  }

  /** Fails whatever still waits: the loop has stopped. */
  void failAll(String message) {
    reads.failAll(message);
    proposals.failAll(message);
    if (transfer != null) {
      transfer.future().complete(null);
    }
  }
}
