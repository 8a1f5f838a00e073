package io.etcdj.server;

import io.etcdj.raft.ConfState;
import io.etcdj.raft.Entry;
import io.etcdj.raft.Snapshot;
import java.util.List;

/**
 * What the Raft loop hands the apply thread per Ready, in this order: proposals and conf changes
 * to wait for (registered before their entries can be applied), a snapshot received from the
 * leader to restore the store from (null when none; already durable), committed entries (already
 * durable), read barriers confirmed by ReadIndex, the configuration in force (for snapshot
 * metadata), and a task to run on the apply thread once all of that is applied.
 */
record ApplyBatch(List<RaftRequest.Proposal> proposals, List<RaftRequest.ConfChangeProposal> confChanges,
                  Snapshot snapshot, List<Entry> committed, List<PendingReads.Confirmed> reads,
                  ConfState confState, Runnable afterwards) {
  static final Runnable NOTHING = () -> { };

  /** Only a task to run once everything handed over before it is applied. */
  static ApplyBatch task(ConfState confState, Runnable task) {
    return new ApplyBatch(List.of(), List.of(), null, List.of(), List.of(), confState, task);
  }

  /** Fails every waiter of this batch (the apply thread has stopped). */
  void fail(String message) {
    ServerUnavailableException stopped = new ServerUnavailableException(message);
    proposals.forEach(p -> p.future().completeExceptionally(stopped));
    confChanges.forEach(c -> c.future().completeExceptionally(stopped));
    reads.forEach(r -> r.barriers().forEach(b -> b.future().completeExceptionally(stopped)));
  }
}
