package io.etcdj.server;

import io.etcdj.kvstore.ErrorCode;
import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreError;
import io.etcdj.kvstore.StoreResult;
import io.etcdj.raft.ConfChange;
import io.etcdj.raft.Entry;
import io.etcdj.raft.EntryType;
import io.etcdj.raft.Snapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what the Raft loop hands over, in log order: restores the store from a snapshot
 * received from the leader, applies committed entries, completes the waiting proposals and conf
 * changes, completes read barriers once their index is applied, and takes snapshots. The only
 * writer of the {@link Store}. Owned by one thread: the apply thread in a server
 * ({@link ApplyLoop}), the simulation thread in tests.
 */
final class Applier {
  private static final Logger LOG = LoggerFactory.getLogger(Applier.class);

  private final Store store;
  private final MemberPublisher publisher;
  private final Snapshotter snapshotter;
  private final ServerMetrics metrics;
  private final PendingProposals pending;
  private final List<RaftRequest.ConfChangeProposal> confChanges = new ArrayList<>();
  private final ArrayDeque<PendingReads.Confirmed> reads = new ArrayDeque<>();
  private volatile long appliedIndex; // read by status readers
  private volatile long appliedTerm; // read by HTTP threads for X-Raft-Term

  Applier(Store store, MemberPublisher publisher, Snapshotter snapshotter, ServerMetrics metrics,
          long appliedIndex, long appliedTerm) {
    this.store = store;
    this.publisher = publisher;
    this.snapshotter = snapshotter;
    this.metrics = metrics;
    this.pending = new PendingProposals(metrics);
    this.appliedIndex = appliedIndex;
    this.appliedTerm = appliedTerm;
    metrics.gauge("etcd.server.proposals.pending", "The current number of pending proposals to commit.",
        pending::size);
  }

  long appliedIndex() { return appliedIndex; }

  /** The term of the last entry applied (or of the snapshot restored). */
  long appliedTerm() { return appliedTerm; }

  void apply(ApplyBatch batch) {
    batch.proposals().forEach(pending::add);
    confChanges.addAll(batch.confChanges());
    if (batch.snapshot() != null) {
      restore(batch.snapshot());
    }
    if (!batch.committed().isEmpty()) {
      int applied = 0;
      for (Entry entry : batch.committed()) {
        if (apply(entry)) {
          applied++;
        }
      }
      metrics.proposalsApplied.increment(applied);
      snapshotter.maybeSnapshot(store, appliedIndex, appliedTerm, batch.confState());
    }
    reads.addAll(batch.reads());
    while (!reads.isEmpty() && reads.peek().index() <= appliedIndex) {
      reads.poll().barriers().forEach(b -> b.future().complete(null));
    }
    batch.afterwards().run();
  }

  /**
   * Replaces the store by the leader's snapshot (already saved to the snapshot store and the log
   * reset to it by the Raft loop). Watchers stay registered; the history becomes the snapshot's.
   */
  private void restore(Snapshot snapshot) {
    long index = snapshot.metadata().index();
    if (index <= appliedIndex) {
      return; // we already have it all (the leader's view of us was stale)
    }
    long started = System.nanoTime();
    store.recover(snapshot.data());
    appliedIndex = index;
    appliedTerm = snapshot.metadata().term();
    snapshotter.restoredAt(index);
    LOG.info("restored the store from the leader's snapshot at index {} ({} bytes, {} ms)", index,
        snapshot.data().length, (System.nanoTime() - started) / 1_000_000);
  }

  private boolean apply(Entry entry) {
    if (entry.index() <= appliedIndex) {
      return false; // already in the store restored from a snapshot
    }
    if (entry.index() != appliedIndex + 1) {
      // Applying past a gap would silently diverge from every other replica.
      throw new IllegalStateException("applied index gap: entry " + entry.index() + " after " + appliedIndex);
    }
    byte[] data = entry.data();
    if (entry.type() == EntryType.CONF_CHANGE) {
      ConfChange change = ConfChange.decode(data);
      publisher.applyMembership(change, store);
      completeConfChange(change);
    } else if (data != null && EntryCodec.isBarrier(data)) {
      pending.complete(EntryCodec.requestId(data), data, null);
    } else if (data != null && data.length > 0) {
      StoreCommand command = EntryCodec.command(data);
      StoreResult result = MemberPublisher.publishesForNonMember(command, store)
          ? new StoreResult.Err(new StoreError(ErrorCode.KEY_NOT_FOUND, "member removed", store.index()))
          : store.apply(command);
      long requestId = EntryCodec.requestId(data);
      if (requestId != 0) {
        pending.complete(requestId, data, result);
      }
    }
    appliedIndex = entry.index();
    appliedTerm = entry.term();
    return true;
  }

  /** Only one conf change is in flight cluster-wide, so type and member id identify it. */
  private void completeConfChange(ConfChange change) {
    Iterator<RaftRequest.ConfChangeProposal> it = confChanges.iterator();
    while (it.hasNext()) {
      RaftRequest.ConfChangeProposal waiting = it.next();
      if (waiting.change().type() == change.type() && waiting.change().nodeId() == change.nodeId()) {
        it.remove();
        waiting.future().complete(null);
      }
    }
  }

  /** Fails proposals, conf changes and reads whose deadline has passed. */
  void failExpired(long nowNanos) {
    pending.failExpired(nowNanos);
    Iterator<RaftRequest.ConfChangeProposal> it = confChanges.iterator();
    while (it.hasNext()) {
      RaftRequest.ConfChangeProposal waiting = it.next();
      if (waiting.deadlineNanos() - nowNanos <= 0) {
        it.remove();
        waiting.future().completeExceptionally(new ServerUnavailableException("etcdserver: request timed out"));
      }
    }
  }

  void failAll(String message) {
    pending.failAll(message);
    ServerUnavailableException error = new ServerUnavailableException(message);
    confChanges.forEach(c -> c.future().completeExceptionally(error));
    confChanges.clear();
    for (PendingReads.Confirmed confirmed : reads) {
      confirmed.barriers().forEach(b -> b.future().completeExceptionally(error));
    }
    reads.clear();
  }
}
