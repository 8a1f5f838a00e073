package io.etcdj.http;

import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreResult;
import io.etcdj.raft.ConfChange;
import io.etcdj.raft.ConfState;
import io.etcdj.raft.Entry;
import io.etcdj.raft.EntryType;
import io.etcdj.raft.HardState;
import io.etcdj.raft.ProposalDroppedException;
import io.etcdj.raft.RaftNode;
import io.etcdj.raft.ReadState;
import io.etcdj.raft.Ready;
import io.etcdj.raft.SoftState;
import io.etcdj.raft.StateRole;
import io.etcdj.raft.storage.RocksLogStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The member's Raft driver. ONE thread ("etcdj-raft") owns the RaftNode and the log storage;
 * nothing else touches them. Other threads only {@link #submit} requests to an MPSC inbox and read
 * the volatile status fields.
 *
 * <p>Each iteration drains the whole inbox (proposals go straight into the Raft log, read
 * barriers share one ReadIndex), ticks when a heartbeat interval has passed, then handles the
 * Ready: one synced WriteBatch for everything gathered (group commit: whatever queued up while
 * the previous fsync ran goes into the next one), conf changes applied to the configuration,
 * committed entries handed to the {@link ApplyLoop} (so applying overlaps the next fsync), then
 * advance. The loop never waits on a client or on the store.
 */
final class RaftLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(RaftLoop.class);
  private static final long EXPIRE_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final ConcurrentLinkedQueue<RaftRequest> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean parked = new AtomicBoolean();
  private final AtomicLong requestIds = new AtomicLong(System.currentTimeMillis() << 20);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean closed;

  // Owned by the loop thread.
  private final RaftNode node;
  private final RocksLogStorage storage;
  private final Store store; // read only here (TTL check); written by the apply thread
  private final MemberPublisher publisher;
  private final ApplyLoop applier;
  private final ServerMetrics metrics;
  private final PendingReads reads = new PendingReads();
  private final long tickNanos;
  private boolean campaignPending; // a sole voter campaigns at once instead of waiting an election timeout
  private List<RaftRequest.Proposal> proposed = new ArrayList<>();
  private ConfState confState;
  private long nextExpireNanos;
  private boolean publishQueued;

  // Written by the loop thread, read by any thread.
  private volatile long commitIndex;
  private volatile long term;
  private volatile long leaderId;
  private volatile StateRole role = StateRole.FOLLOWER;
  private volatile long leaderSinceMs;

  RaftLoop(RaftNode node, RocksLogStorage storage, Store store, MemberPublisher publisher, ApplyLoop applier,
           ServerMetrics metrics, ConfState confState, long appliedIndex, long tickMs, boolean campaignAtStart) {
    this.node = node;
    this.storage = storage;
    this.store = store;
    this.publisher = publisher;
    this.applier = applier;
    this.metrics = metrics;
    this.confState = confState;
    this.commitIndex = appliedIndex;
    this.tickNanos = TimeUnit.MILLISECONDS.toNanos(tickMs);
    this.campaignPending = campaignAtStart;
    this.term = storage.initialState().hardState().term();
    this.thread = new Thread(this, "etcdj-raft");
  }

  void start() {
    applier.start();
    thread.start();
  }

  long nextRequestId() { return requestIds.incrementAndGet(); }

  /** Hands a request to the loop; safe from any thread. */
  void submit(RaftRequest request) {
    inbox.offer(request);
    if (closed) {
      failInbox();
      return;
    }
    if (parked.get() && parked.compareAndSet(true, false)) {
      LockSupport.unpark(thread);
    }
  }

  long commitIndex() { return commitIndex; }
  long term() { return term; }
  long leaderId() { return leaderId; }
  StateRole role() { return role; }
  /** Wall time at which the current leader was first seen, for /v2/stats/self. */
  long leaderSinceMs() { return leaderSinceMs; }

  @Override public void run() {
    try {
      maybeCampaign();
      long nextTick = System.nanoTime() + tickNanos;
      while (running) {
        boolean worked = drainInbox();
        long now = System.nanoTime();
        if (now - nextTick >= 0) {
          node.tick();
          nextTick += tickNanos;
          if (now - nextTick > 10 * tickNanos) {
            nextTick = now + tickNanos; // after a long stall, don't replay a burst of ticks
          }
          worked = true;
        }
        maybeProposeExpire(now);
        while (node.hasReady()) {
          handleReady(node.ready());
          worked = true;
        }
        if (!proposed.isEmpty()) { // proposals that produced no Ready yet still need registering
          applier.enqueue(new ApplyBatch(takeProposed(), List.of(), List.of(), confState));
        }
        reads.failExpired(now);
        if (!worked) {
          park(nextTick - System.nanoTime());
        }
      }
    } catch (RuntimeException | Error e) {
      LOG.error("Raft loop failed; the member stops serving writes", e);
    } finally {
      closed = true;
      reads.failAll("etcdserver: server stopped");
      failInbox();
    }
  }

  private void park(long nanos) {
    if (nanos <= 0) {
      return;
    }
    parked.set(true);
    if (!inbox.isEmpty() || !running) {
      parked.set(false);
      return;
    }
    LockSupport.parkNanos(this, nanos);
    parked.set(false);
  }

  private boolean drainInbox() {
    RaftRequest request = inbox.poll();
    if (request == null) {
      return false;
    }
    for (; request != null; request = inbox.poll()) {
      if (request instanceof RaftRequest.Proposal proposal) {
        propose(proposal);
      } else if (request instanceof RaftRequest.ReadBarrier barrier) {
        reads.add(barrier);
      } else if (request instanceof RaftRequest.Compact compact) {
        storage.compact(compact.snapshot());
      }
    }
    byte[] readContext = reads.takeBatch();
    if (readContext != null) {
      node.readIndex(readContext);
    }
    return true;
  }

  private void propose(RaftRequest.Proposal proposal) {
    try {
      node.propose(proposal.data());
      if (proposal.future() != null) {
        proposed.add(proposal);
      }
    } catch (ProposalDroppedException e) {
      metrics.proposalsFailed.increment();
      if (proposal.future() != null) {
        proposal.future().completeExceptionally(new BackendUnavailableException("etcdserver: no leader"));
      }
    }
  }

  private List<RaftRequest.Proposal> takeProposed() {
    if (proposed.isEmpty()) {
      return List.of();
    }
    List<RaftRequest.Proposal> taken = proposed;
    proposed = new ArrayList<>();
    return taken;
  }

  /** The leader's clock tick for TTLs (etcd's SYNC): every 500 ms while any key has a TTL. */
  private void maybeProposeExpire(long now) {
    if (role != StateRole.LEADER || now - nextExpireNanos < 0) {
      return;
    }
    nextExpireNanos = now + EXPIRE_PERIOD_NANOS;
    if (store.hasTtlKeys()) {
      propose(new RaftRequest.Proposal(0, EntryCodec.encode(0, new StoreCommand.Expire(System.currentTimeMillis())),
          null, 0));
    }
  }

  private void handleReady(Ready ready) {
    if (ready.softState() != null) {
      onSoftState(ready.softState());
    }
    if (!ready.entries().isEmpty() || !ready.hardState().isEmpty() || !ready.snapshot().isEmpty()) {
      long started = System.nanoTime();
      storage.save(ready.hardState(), ready.entries(), ready.snapshot(), ready.mustSync());
      if (ready.mustSync()) {
        metrics.walFsync.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      }
    }
    if (!ready.hardState().isEmpty()) {
      HardState hard = ready.hardState();
      if (hard.commit() > commitIndex) {
        metrics.proposalsCommitted.increment(hard.commit() - commitIndex);
        commitIndex = hard.commit();
      }
      term = hard.term();
    }
    if (!ready.snapshot().isEmpty()) {
      LOG.warn("ignoring a snapshot from the leader at index {}: multi-member catch-up is not supported yet",
          ready.snapshot().metadata().index());
    }
    if (!ready.messages().isEmpty()) {
      LOG.debug("dropping {} Raft messages: no peer transport yet", ready.messages().size());
    }
    for (Entry entry : ready.committedEntries()) {
      if (entry.type() == EntryType.CONF_CHANGE) {
        // The configuration belongs to Raft: change it here, before advance; the apply thread
        // writes the member records into the store in log order.
        confState = node.applyConfChange(ConfChange.decode(entry.data()));
        storage.saveConfState(confState);
        campaignPending = true; // e.g. a restart that replays the bootstrap conf change
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
    if (!proposed.isEmpty() || !ready.committedEntries().isEmpty() || !confirmed.isEmpty()) {
      applier.enqueue(new ApplyBatch(takeProposed(), ready.committedEntries(), confirmed, confState));
    }
    if (leaderId != 0 && !publishQueued) {
      // After everything committed so far (a restart's replay included) is applied, so the
      // publisher sees whether the cluster version is already recorded.
      publishQueued = true;
      applier.enqueue(new ApplyBatch(List.of(), List.of(), List.of(), confState,
          () -> publisher.onLeaderKnown(this, store)));
    }
    node.advance(ready);
    maybeCampaign();
  }

  /** Campaigns once if this member is the only voter and no leader is known. */
  private void maybeCampaign() {
    if (!campaignPending) {
      return;
    }
    campaignPending = false;
    List<Long> voters = confState.voters();
    long self = node.status().id();
    if (leaderId == 0 && (voters.isEmpty() || (voters.size() == 1 && voters.get(0) == self))) {
      node.campaign();
    }
  }

  private void onSoftState(SoftState soft) {
    boolean wasLeader = role == StateRole.LEADER;
    if (soft.leaderId() != leaderId) {
      if (soft.leaderId() != 0) {
        metrics.leaderChanges.increment();
        leaderSinceMs = System.currentTimeMillis();
      }
      leaderId = soft.leaderId();
    }
    role = soft.role();
    metrics.hasLeader.set(leaderId != 0 ? 1 : 0);
    metrics.isLeader.set(role == StateRole.LEADER ? 1 : 0);
    if (!wasLeader && role == StateRole.LEADER) {
      LOG.info("became leader at term {}", node.status().term());
    }
  }

  /** Stops the loop, lets the apply thread finish what is durable, fails whatever still waits. */
  void close() {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closed = true;
    failInbox();
    applier.close();
  }

  private void failInbox() {
    BackendUnavailableException stopped = new BackendUnavailableException("etcdserver: server stopped");
    for (RaftRequest r = inbox.poll(); r != null; r = inbox.poll()) {
      if (r instanceof RaftRequest.Proposal p && p.future() != null) {
        p.future().completeExceptionally(stopped);
      } else if (r instanceof RaftRequest.ReadBarrier b) {
        b.future().completeExceptionally(stopped);
      }
    }
  }

  /** A proposal of {@code command} with a fresh request id; completes when applied. */
  CompletableFuture<StoreResult> propose(StoreCommand command, long timeoutNanos) {
    CompletableFuture<StoreResult> future = new CompletableFuture<>();
    long id = nextRequestId();
    submit(new RaftRequest.Proposal(id, EntryCodec.encode(id, command), future, System.nanoTime() + timeoutNanos));
    return future;
  }

  /** Completes once a no-op entry appended now has been applied (etcd's QGET, as /health uses it). */
  CompletableFuture<StoreResult> logBarrier(long timeoutNanos) {
    CompletableFuture<StoreResult> future = new CompletableFuture<>();
    long id = nextRequestId();
    submit(new RaftRequest.Proposal(id, EntryCodec.barrier(id), future, System.nanoTime() + timeoutNanos));
    return future;
  }
}
