package io.etcdj.http;

import io.etcdj.raft.ConfState;
import io.etcdj.raft.Entry;
import java.util.List;

/**
 * What the Raft loop hands the apply thread per Ready, in this order: proposals to wait for
 * (registered before their entries can be applied), committed entries (already durable), read
 * barriers confirmed by ReadIndex, the configuration in force (for snapshot metadata), and a task
 * to run on the apply thread once all of that is applied.
 */
record ApplyBatch(List<RaftRequest.Proposal> proposals, List<Entry> committed,
                  List<PendingReads.Confirmed> reads, ConfState confState, Runnable afterwards) {
  static final Runnable NOTHING = () -> { };

  ApplyBatch(List<RaftRequest.Proposal> proposals, List<Entry> committed, List<PendingReads.Confirmed> reads,
             ConfState confState) {
    this(proposals, committed, reads, confState, NOTHING);
  }
}
