package io.etcdj.kvstore;

/**
 * The v2 store: a deterministic tree of keys and directories with its own index, TTLs, watchers
 * and event history. Writes come only from {@link #apply} (one thread, in Raft log order); reads
 * and watch registrations may come from any thread.
 */
public final class Store {
  /** An empty store whose event history keeps the last {@code historyCapacity} events. */
  public Store(int historyCapacity) { throw new UnsupportedOperationException("skeleton"); }

  /** Applies one committed command. Deterministic: same state + same command = same result. */
  public StoreResult apply(StoreCommand command) { throw new UnsupportedOperationException("skeleton"); }

  /** GET: the node at {@code path}; TTLs are computed against {@code nowMs}. */
  public StoreResult get(String path, boolean recursive, boolean sorted, long nowMs) {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Registers a watcher on {@code path}. With {@code sinceIndex > 0} a matching event already in
   * the history is delivered at once (and a non-stream watcher is then done); if the history no
   * longer reaches back to {@code sinceIndex} the result is error 401 (EventIndexCleared).
   */
  public WatchResult watch(String path, boolean recursive, boolean stream, long sinceIndex,
                           WatchListener listener) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The current store index (X-Etcd-Index). */
  public long index() { throw new UnsupportedOperationException("skeleton"); }

  /** Whether any key has a TTL, i.e. whether the leader needs to propose {@link StoreCommand.Expire}. */
  public boolean hasTtlKeys() { throw new UnsupportedOperationException("skeleton"); }

  public StoreStats stats() { throw new UnsupportedOperationException("skeleton"); }

  /** A consistent snapshot of the whole store (tree, index, TTLs, event history). */
  public byte[] save() { throw new UnsupportedOperationException("skeleton"); }

  /** A store equal to the one that produced {@code snapshot}. */
  public static Store restore(byte[] snapshot, int historyCapacity) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Result of {@link #watch}: a registered watcher, or an etcd error (e.g. 401). */
  public sealed interface WatchResult permits WatchResult.Registered, WatchResult.Rejected {
    record Registered(Watcher watcher) implements WatchResult {}
    record Rejected(StoreError error) implements WatchResult {}
  }
}
