package io.etcdj.http;

import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreResult;
import io.etcdj.raft.ConfChange;
import io.etcdj.raft.Entry;
import io.etcdj.raft.EntryType;
import java.util.ArrayDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apply thread ("etcdj-apply"): the only writer of the Store. It applies committed entries in
 * log order, completes the waiting proposals by request id, completes read barriers once their
 * index is applied, and takes snapshots. Running beside the Raft loop lets the next batch's fsync
 * overlap this batch's apply (as etcd's apply goroutine does). Owns {@link PendingProposals} and
 * the confirmed reads; receives work only through {@link #enqueue}.
 */
final class ApplyLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ApplyLoop.class);
  private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final LinkedBlockingQueue<ApplyBatch> queue = new LinkedBlockingQueue<>();
  private final Thread thread = new Thread(this, "etcdj-apply");
  private volatile boolean running = true;

  // Owned by the apply thread.
  private final Store store;
  private final MemberPublisher publisher;
  private final Snapshotter snapshotter;
  private final ServerMetrics metrics;
  private final PendingProposals pending;
  private final ArrayDeque<PendingReads.Confirmed> reads = new ArrayDeque<>();
  private long appliedIndex;
  private long appliedTerm;

  ApplyLoop(Store store, MemberPublisher publisher, Snapshotter snapshotter, ServerMetrics metrics,
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

  void start() { thread.start(); }

  /** Called by the Raft loop thread. After this loop has stopped, the batch's waiters fail at once. */
  void enqueue(ApplyBatch batch) {
    synchronized (queue) {
      if (running) {
        queue.add(batch);
        return;
      }
    }
    fail(batch);
  }

  private static void fail(ApplyBatch batch) {
    BackendUnavailableException stopped = new BackendUnavailableException("etcdserver: server stopped");
    batch.proposals().forEach(p -> p.future().completeExceptionally(stopped));
    batch.reads().forEach(r -> r.barriers().forEach(b -> b.future().completeExceptionally(stopped)));
  }

  @Override public void run() {
    try {
      while (running || !queue.isEmpty()) {
        ApplyBatch batch = queue.poll(SWEEP_NANOS, TimeUnit.NANOSECONDS);
        if (batch != null) {
          apply(batch);
        }
        pending.failExpired(System.nanoTime());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      LOG.error("apply loop failed; the member stops applying writes", e);
    } finally {
      synchronized (queue) {
        running = false;
      }
      queue.forEach(ApplyLoop::fail);
      queue.clear();
      pending.failAll("etcdserver: server stopped");
      for (PendingReads.Confirmed confirmed : reads) {
        confirmed.barriers().forEach(b -> b.future().completeExceptionally(
            new BackendUnavailableException("etcdserver: server stopped")));
      }
    }
  }

  private void apply(ApplyBatch batch) {
    batch.proposals().forEach(pending::add);
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

  private boolean apply(Entry entry) {
    if (entry.index() <= appliedIndex) {
      return false; // already in the store restored from the snapshot
    }
    byte[] data = entry.data();
    if (entry.type() == EntryType.CONF_CHANGE) {
      publisher.applyMembership(ConfChange.decode(data), store);
    } else if (data != null && EntryCodec.isBarrier(data)) {
      pending.complete(EntryCodec.requestId(data), null);
    } else if (data != null && data.length > 0) {
      StoreResult result = store.apply(EntryCodec.command(data));
      long requestId = EntryCodec.requestId(data);
      if (requestId != 0) {
        pending.complete(requestId, result);
      }
    }
    appliedIndex = entry.index();
    appliedTerm = entry.term();
    return true;
  }

  /** Applies what is queued, then stops and fails whatever still waits. */
  void close() {
    running = false;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
