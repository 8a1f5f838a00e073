package io.etcdj.kvstore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One key or directory of the tree (etcd's v2store node). Owned by the apply thread: mutated only
 * under the store's write lock, read by GETs under its read lock.
 */
final class Node {
  final String path;
  /** Last segment of the path: the key in the parent's children map. */
  final String name;
  Node parent;
  final long createdIndex;
  long modifiedIndex;
  /** Absolute expiration in epoch ms; 0 = permanent. */
  long expireAtMs;
  /** expireAtMs as etcd prints it, cached because every view of a TTL node shows it. */
  String expirationText;
  /** Value of a key; "" for directories. */
  String value;
  /** Children by name for directories (insertion order keeps listings deterministic); null for keys. */
  final LinkedHashMap<String, Node> children;
  /** Position in the TTL heap, -1 when not in it. */
  int heapIndex = -1;

  private Node(String path, Node parent, long createdIndex, long expireAtMs, String value, boolean dir) {
    this.path = path;
    this.name = KeyPath.name(path);
    this.parent = parent;
    this.createdIndex = createdIndex;
    this.modifiedIndex = createdIndex;
    this.value = value;
    this.children = dir ? new LinkedHashMap<>() : null;
    setExpireAt(expireAtMs);
  }

  static Node newKey(String path, Node parent, long index, long expireAtMs, String value) {
    return new Node(path, parent, index, expireAtMs, value == null ? "" : value, false);
  }

  static Node newDir(String path, Node parent, long index, long expireAtMs) {
    return new Node(path, parent, index, expireAtMs, "", true);
  }

  boolean isDir() {
    return children != null;
  }

  boolean isPermanent() {
    return expireAtMs == 0;
  }

  boolean isHidden() {
    return KeyPath.isHiddenName(name);
  }

  void setExpireAt(long ms) {
    expireAtMs = ms;
    expirationText = ms == 0 ? null : Rfc3339.formatUtcMs(ms);
  }

  /** etcd's expirationAndTTL: seconds left rounded up (truncated toward zero once past). */
  long ttlSeconds(long nowMs) {
    if (expireAtMs == 0) {
      return 0;
    }
    long leftMs = expireAtMs - nowMs;
    long ttl = leftMs / 1000;
    if (leftMs % 1000 > 0) {
      ttl++;
    }
    return ttl;
  }

  /** etcd's node.Repr: this node, with children (recursively) only when {@code recursive}. */
  NodeView view(boolean recursive, boolean sorted, long nowMs) {
    if (isDir()) {
      List<NodeView> nodes = recursive ? childViews(true, sorted, nowMs) : null;
      return new NodeView(path, true, null, createdIndex, modifiedIndex, expirationText, ttlSeconds(nowMs), nodes);
    }
    return new NodeView(path, false, value, createdIndex, modifiedIndex, expirationText, ttlSeconds(nowMs), null);
  }

  /** etcd's loadInternalNode (a GET): a directory always lists its visible children. */
  NodeView viewForGet(boolean recursive, boolean sorted, long nowMs) {
    if (isDir()) {
      return new NodeView(path, true, null, createdIndex, modifiedIndex, expirationText, ttlSeconds(nowMs),
          childViews(recursive, sorted, nowMs));
    }
    return view(false, false, nowMs);
  }

  private List<NodeView> childViews(boolean recursive, boolean sorted, long nowMs) {
    List<NodeView> out = new ArrayList<>(children.size());
    for (Node child : children.values()) {
      if (!child.isHidden()) {
        out.add(child.view(recursive, sorted, nowMs));
      }
    }
    if (sorted && out.size() > 1) {
      out.sort((a, b) -> KeyPath.compareGo(a.key(), b.key()));
    }
    return out;
  }
}
