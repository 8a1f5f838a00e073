package io.etcdj.http.keys;

import io.etcdj.server.ServerUnavailableException;
import io.etcdj.server.KeysBackend;
import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test KeysBackend over a real Store, without Raft: each proposal is applied on
 * {@code applyThread} (the member's apply loop stand-in), and its raft index counts the
 * proposals. {@link #failProposals} makes proposals and barriers fail as a leaderless member's do.
 */
final class DirectBackend implements KeysBackend {
  private final Store store;
  private final Executor applyThread;
  private final AtomicLong raftIndex = new AtomicLong(5);
  private final AtomicLong nowMs = new AtomicLong(1_700_000_000_000L);
  private volatile String failProposals;

  DirectBackend(Store store, Executor applyThread) {
    this.store = store;
    this.applyThread = applyThread;
  }

  /** From now on, proposals and read barriers fail with this ServerUnavailableException message. */
  void failProposals(String message) {
    failProposals = message;
  }

  @Override
  public CompletableFuture<StoreResult> propose(StoreCommand command) {
    String failure = failProposals;
    if (failure != null) {
      return CompletableFuture.failedFuture(new ServerUnavailableException(failure));
    }
    return CompletableFuture.supplyAsync(() -> {
      raftIndex.incrementAndGet();
      return store.apply(command);
    }, applyThread);
  }

  @Override
  public CompletableFuture<Void> readBarrier() {
    String failure = failProposals;
    if (failure != null) {
      return CompletableFuture.failedFuture(new ServerUnavailableException(failure));
    }
    return CompletableFuture.runAsync(() -> { }, applyThread);
  }

  @Override
  public Store store() {
    return store;
  }

  @Override
  public long raftIndex() {
    return raftIndex.get();
  }

  @Override
  public long raftTerm() {
    return 2;
  }

  @Override
  public String clusterIdHex() {
    return "cdf818194e3a8c32";
  }

  @Override
  public long nowMs() {
    return nowMs.get();
  }
}
