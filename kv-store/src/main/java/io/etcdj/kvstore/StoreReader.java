package io.etcdj.kvstore;

/**
 * What readers of the v2 store may do: reads, watches and counters, never a write. HTTP handlers
 * get the store only through this view; writes reach the store solely from the member's apply
 * thread, in Raft log order. Every method is safe from any thread.
 */
public interface StoreReader {
  /** GET: the node at {@code path}; TTLs are computed against {@code nowMs}. */
  StoreResult get(String path, boolean recursive, boolean sorted, long nowMs);

  /** Registers a watcher (see {@link Store#watch}). */
  Store.WatchResult watch(String path, boolean recursive, boolean stream, long sinceIndex, WatchListener listener);

  /** A group of watchers delivered to on {@code consumer}'s thread (see {@link Store#newWatchGroup}). */
  WatchGroup newWatchGroup(WatchGroup.Consumer consumer);

  /** The current store index (X-Etcd-Index). */
  long index();

  StoreStats stats();

  /**
   * Moves whenever something outside the clients' key space is written (membership, v2 auth) or
   * the store is recovered from a snapshot; one volatile read. See {@link Store#internalVersion}.
   */
  long internalVersion();
}
