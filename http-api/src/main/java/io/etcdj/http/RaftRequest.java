package io.etcdj.http;

import io.etcdj.kvstore.StoreResult;
import java.util.concurrent.CompletableFuture;

/** What other threads hand to the Raft loop through its inbox. */
sealed interface RaftRequest {
  /** A command to append; {@code future} completes when it is applied. */
  record Proposal(long requestId, byte[] data, CompletableFuture<StoreResult> future, long deadlineNanos)
      implements RaftRequest {}

  /** Compact the log up to {@code snapshot} (sent by the apply thread: only the Raft loop writes the log). */
  record Compact(io.etcdj.raft.Snapshot snapshot) implements RaftRequest {}

  /** A linearizable-read barrier (ReadIndex). */
  record ReadBarrier(CompletableFuture<Void> future, long deadlineNanos) implements RaftRequest {}
}
