package io.etcdj.kvstore;

/**
 * The expiration of a node that has a TTL. Kept apart from {@link Node} so that permanent nodes,
 * nearly all of a store's, pay one null reference for it. Owned by the apply thread, like the
 * node (read by GETs under the store's read lock).
 */
final class NodeTtl {
  /** Absolute expiration in epoch ms, never 0. */
  long expireAtMs;
  /** expireAtMs as etcd prints it, cached because every view of a TTL node shows it. */
  String expirationText;
  /** Position in the TTL heap, -1 when not in it. */
  int heapIndex = -1;

  NodeTtl(long expireAtMs) {
    set(expireAtMs);
  }

  void set(long ms) {
    expireAtMs = ms;
    expirationText = Rfc3339.formatUtcMs(ms);
  }
}
