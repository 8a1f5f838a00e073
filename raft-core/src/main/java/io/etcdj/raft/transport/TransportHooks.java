package io.etcdj.raft.transport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Points where a test may hold the transport still without blocking a thread, to make an
 * interleaving certain instead of likely. Production uses {@link #NONE}.
 */
interface TransportHooks {
  TransportHooks NONE = new TransportHooks() { };

  /**
   * Asked before chunk {@code chunkIndex} of a snapshot to {@code to} is written; the sender
   * waits (without holding its event loop) until the answer completes.
   */
  default CompletionStage<Void> beforeSnapshotChunk(long to, int chunkIndex) {
    return CompletableFuture.completedFuture(null);
  }
}
