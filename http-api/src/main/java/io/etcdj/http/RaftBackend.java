package io.etcdj.http;

import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreResult;
import java.util.concurrent.CompletableFuture;

/** {@link ClientBackend} over the Raft loop: writes and read barriers go through its inbox. */
final class RaftBackend implements ClientBackend {
  private final RaftLoop loop;
  private final Store store;
  private final String clusterIdHex;
  private final long timeoutNanos;
  private final boolean readIndex;

  RaftBackend(RaftLoop loop, Store store, long clusterId, long timeoutNanos, boolean readIndex) {
    this.loop = loop;
    this.store = store;
    this.clusterIdHex = ClusterIdentity.hex(clusterId);
    this.timeoutNanos = timeoutNanos;
    this.readIndex = readIndex;
  }

  @Override public CompletableFuture<StoreResult> propose(StoreCommand command) {
    return loop.propose(command, timeoutNanos);
  }

  /**
   * By default a no-op entry through the log, as etcd 3.4's QGET (so X-Raft-Index moves exactly as
   * etcd's); with --quorum-read=read-index, ReadIndex: no log write, and all barriers of one loop
   * iteration share one confirmation round.
   */
  @Override public CompletableFuture<Void> readBarrier() {
    if (!readIndex) {
      return loop.logBarrier(timeoutNanos).thenApply(applied -> null);
    }
    CompletableFuture<Void> future = new CompletableFuture<>();
    loop.submit(new RaftRequest.ReadBarrier(future, System.nanoTime() + timeoutNanos));
    return future;
  }

  @Override public Store store() { return store; }
  @Override public long raftIndex() { return loop.commitIndex(); }
  @Override public long raftTerm() { return loop.term(); }
  @Override public String clusterIdHex() { return clusterIdHex; }
  @Override public long nowMs() { return System.currentTimeMillis(); }
}
