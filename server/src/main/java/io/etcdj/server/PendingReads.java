package io.etcdj.server;

import io.etcdj.raft.ReadState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Read barriers waiting for ReadIndex. Owned by the Raft loop thread. All barriers that arrive
 * in one loop iteration share one ReadIndex request (one heartbeat round for many reads); once
 * the read state comes back they are handed to the apply thread, which completes them when it
 * has applied the read state's index.
 *
 * <p>A request's context is a cluster-unique request id, so a read state can never be mistaken
 * for another member's. A ReadIndex can be lost (the leader changed, the message was dropped):
 * a batch not answered within {@code retryNanos}, or pending when the leader changes, is asked
 * again under a fresh context until its deadline.
 */
final class PendingReads {
  private static final class Batch {
    final List<RaftRequest.ReadBarrier> barriers;
    long askedNanos;
    Batch(List<RaftRequest.ReadBarrier> barriers) { this.barriers = barriers; }
  }

  /** Barriers whose ReadIndex is known: they may complete once {@code index} is applied. */
  record Confirmed(long index, List<RaftRequest.ReadBarrier> barriers) {}

  private final LongSupplier ids;
  private final long retryNanos;
  private List<RaftRequest.ReadBarrier> collecting = new ArrayList<>();
  /** Batches asked for, by the context they were last asked under; oldest first. */
  private final LinkedHashMap<Long, Batch> requested = new LinkedHashMap<>();
  /** Batches that could not be asked (no leader known): asked again on the next attempt. */
  private final List<Batch> unasked = new ArrayList<>();

  PendingReads(LongSupplier ids, long retryNanos) {
    this.ids = ids;
    this.retryNanos = retryNanos;
  }

  void add(RaftRequest.ReadBarrier barrier) { collecting.add(barrier); }

  boolean isEmpty() { return collecting.isEmpty() && requested.isEmpty() && unasked.isEmpty(); }

  /**
   * Asks (through {@code ask}, which returns false when no leader is known) for the barriers
   * gathered so far, and again for batches that waited longer than the retry interval or that
   * could not be asked before. {@code leaderChanged} re-asks every outstanding batch.
   */
  void askPending(long nowNanos, boolean leaderChanged, ReadIndexAsker ask) {
    if (!collecting.isEmpty()) {
      unasked.add(new Batch(collecting));
      collecting = new ArrayList<>();
    }
    List<Batch> again = new ArrayList<>(unasked);
    unasked.clear();
    Iterator<Batch> it = requested.values().iterator();
    while (it.hasNext()) {
      Batch batch = it.next();
      if (leaderChanged || nowNanos - batch.askedNanos >= retryNanos) {
        it.remove();
        again.add(batch);
      }
    }
    for (Batch batch : again) {
      long id = ids.getAsLong();
      if (ask.ask(ByteBuffer.allocate(8).putLong(id).array())) {
        batch.askedNanos = nowNanos;
        requested.put(id, batch);
      } else {
        unasked.add(batch);
      }
    }
  }

  /** Whether a retry or a first ask is due (so the loop need not call askPending every time). */
  boolean askDue(long nowNanos) {
    if (!collecting.isEmpty() || !unasked.isEmpty()) {
      return true;
    }
    for (Batch batch : requested.values()) {
      return nowNanos - batch.askedNanos >= retryNanos; // the oldest decides
    }
    return false;
  }

  /** The barriers answered by {@code state}, or null if it is not one of ours. */
  Confirmed confirm(ReadState state) {
    if (state.requestCtx() == null || state.requestCtx().length != 8) {
      return null;
    }
    Batch batch = requested.remove(ByteBuffer.wrap(state.requestCtx()).getLong());
    return batch == null ? null : new Confirmed(state.index(), batch.barriers);
  }

  void failExpired(long nowNanos) {
    failExpired(requested.values().iterator(), nowNanos);
    failExpired(unasked.iterator(), nowNanos);
  }

  private static void failExpired(Iterator<Batch> it, long nowNanos) {
    while (it.hasNext()) {
      Batch batch = it.next();
      if (batch.barriers.get(0).deadlineNanos() - nowNanos > 0) {
        continue;
      }
      it.remove();
      batch.barriers.forEach(b -> b.future().completeExceptionally(
          new ServerUnavailableException("etcdserver: request timed out")));
    }
  }

  void failAll(String message) {
    ServerUnavailableException error = new ServerUnavailableException(message);
    collecting.forEach(b -> b.future().completeExceptionally(error));
    requested.values().forEach(batch -> batch.barriers.forEach(b -> b.future().completeExceptionally(error)));
    unasked.forEach(batch -> batch.barriers.forEach(b -> b.future().completeExceptionally(error)));
    collecting.clear();
    requested.clear();
    unasked.clear();
  }

  /** Issues one ReadIndex request; false when it could not be issued (no leader known). */
  interface ReadIndexAsker {
    boolean ask(byte[] context);
  }
}
