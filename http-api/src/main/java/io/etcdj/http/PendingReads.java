package io.etcdj.http;

import io.etcdj.raft.ReadState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Read barriers waiting for ReadIndex. Owned by the Raft loop thread. All barriers that arrive
 * in one loop iteration share one ReadIndex request (one heartbeat round for many reads); once
 * the read state comes back they are handed to the apply thread, which completes them when it
 * has applied the read state's index.
 */
final class PendingReads {
  private record Batch(long id, List<RaftRequest.ReadBarrier> barriers) {}
  /** Barriers whose ReadIndex is known: they may complete once {@code index} is applied. */
  record Confirmed(long index, List<RaftRequest.ReadBarrier> barriers) {}

  private final List<RaftRequest.ReadBarrier> collecting = new ArrayList<>();
  private final LinkedHashMap<Long, Batch> requested = new LinkedHashMap<>();
  private long nextBatchId = 1;

  void add(RaftRequest.ReadBarrier barrier) { collecting.add(barrier); }

  /** The context of a ReadIndex request to send for the barriers gathered so far, or null. */
  byte[] takeBatch() {
    if (collecting.isEmpty()) {
      return null;
    }
    long id = nextBatchId++;
    requested.put(id, new Batch(id, new ArrayList<>(collecting)));
    collecting.clear();
    return ByteBuffer.allocate(8).putLong(id).array();
  }

  /** The barriers answered by {@code state}, or null if it is not one of ours. */
  Confirmed confirm(ReadState state) {
    if (state.requestCtx() == null || state.requestCtx().length != 8) {
      return null;
    }
    Batch batch = requested.remove(ByteBuffer.wrap(state.requestCtx()).getLong());
    return batch == null ? null : new Confirmed(state.index(), batch.barriers());
  }

  void failExpired(long nowNanos) {
    Iterator<Batch> it = requested.values().iterator();
    while (it.hasNext()) {
      Batch batch = it.next();
      if (batch.barriers().get(0).deadlineNanos() - nowNanos > 0) {
        return;
      }
      it.remove();
      batch.barriers().forEach(b -> b.future().completeExceptionally(
          new BackendUnavailableException("etcdserver: request timed out")));
    }
  }

  void failAll(String message) {
    BackendUnavailableException error = new BackendUnavailableException(message);
    collecting.forEach(b -> b.future().completeExceptionally(error));
    requested.values().forEach(batch -> batch.barriers().forEach(b -> b.future().completeExceptionally(error)));
    collecting.clear();
    requested.clear();
  }
}
