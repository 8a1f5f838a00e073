package io.etcdj.kvstore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One key or directory of the tree (etcd's v2store node), kept small because a store holds one
 * per key: 48 bytes of object plus one array holding the name and the value as WTF-8 bytes. The
 * full path is not stored: it is derived from the parent chain when needed (a request walking
 * the tree has it at hand anyway). A directory's children are an array sorted by name bytes,
 * which is also the order listings show them in: etcd's own order is Go's map order (none in
 * particular), and every replica must show the same, so a deterministic order is needed anyway.
 * Only nodes with a TTL carry a {@link NodeTtl}.
 *
 * <p>Owned by the apply thread: mutated only under the store's write lock, read by GETs under its
 * read lock. A node's {@code data} array is never modified once the node holds it (a new value is
 * a new array), so a snapshot capture may keep references to it after the lock is released.
 */
final class Node {
  private static final Node[] NO_CHILDREN = new Node[0];

  /** The directory holding this node; null for the root. Kept after removal: a removed node still knows its path. */
  final Node parent;
  /** varint(name length in bytes), the name, then a key's value (nothing for a directory), all WTF-8. */
  private byte[] data;
  /** A directory's children in {@code children[0, childCount)}, sorted by name bytes; null for keys. */
  private Node[] children;
  private int childCount;
  final long createdIndex;
  long modifiedIndex;
  /** The expiration; null for permanent nodes. */
  private NodeTtl ttl;

  private Node(byte[] data, Node parent, long createdIndex, long expireAtMs, boolean dir) {
    this.data = data;
    this.parent = parent;
    this.createdIndex = createdIndex;
    this.modifiedIndex = createdIndex;
    this.children = dir ? NO_CHILDREN : null;
    this.ttl = expireAtMs == 0 ? null : new NodeTtl(expireAtMs);
  }

  static Node newKey(String name, Node parent, long index, long expireAtMs, String value) {
    return new Node(NodeData.of(name, value == null ? "" : value), parent, index, expireAtMs, false);
  }

  static Node newDir(String name, Node parent, long index, long expireAtMs) {
    return new Node(NodeData.of(name, ""), parent, index, expireAtMs, true);
  }

  /** A node from a snapshot's {@link #data()} bytes, checked to hold a name. */
  static Node fromData(byte[] data, Node parent, long createdIndex, long expireAtMs, boolean dir) {
    NodeData.check(data, dir);
    return new Node(data, parent, createdIndex, expireAtMs, dir);
  }

  /** The name and value bytes; the caller must not modify them. */
  byte[] data() {
    return data;
  }

  boolean isDir() {
    return children != null;
  }

  // ---- name, path, value

  String name() {
    return NodeData.name(data);
  }

  /** The full path, from the parent chain ("/" for the root). */
  String path() {
    return parent == null ? "/" : KeyPath.join(parent.path(), name());
  }

  /** etcd's hidden rule: a node whose own name starts with '_'. */
  boolean isHidden() {
    int from = NodeData.nameFrom(data);
    return NodeData.nameLength(data) > 0 && data[from] == '_';
  }

  /** A key's value; "" for directories. */
  String value() {
    int from = NodeData.valueFrom(data);
    return Wtf8.decode(data, from, data.length - from);
  }

  boolean valueEquals(String s) {
    int from = NodeData.valueFrom(data);
    return Wtf8.compare(data, from, data.length, s, 0, s.length()) == 0;
  }

  void setValue(String value) {
    // a TTL refresh writes the same value again: keep the array rather than copy it
    if (!valueEquals(value)) {
      data = NodeData.withValue(data, value);
    }
  }

  // ---- children (directories only)

  int childCount() {
    return childCount;
  }

  Node childAt(int i) {
    return children[i];
  }

  /** The child named {@code s[from, to)}, or null. */
  Node child(String s, int from, int to) {
    int i = findChild(s, from, to);
    return i >= 0 ? children[i] : null;
  }

  Node child(String name) {
    return child(name, 0, name.length());
  }

  /** Binary search for the child named {@code s[from, to)}: its position, or -(insertion point) - 1. */
  private int findChild(String s, int from, int to) {
    return search(null, 0, 0, s, from, to);
  }

  /** Binary search for the child whose name bytes are {@code child}'s. */
  private int findChild(Node child) {
    int from = NodeData.nameFrom(child.data);
    return search(child.data, from, from + NodeData.nameLength(child.data), null, 0, 0);
  }

  /** The name sought is {@code bytes[bFrom, bTo)}, or if {@code bytes} is null {@code s[sFrom, sTo)}. */
  private int search(byte[] bytes, int bFrom, int bTo, String s, int sFrom, int sTo) {
    int lo = 0;
    int hi = childCount - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      byte[] d = children[mid].data;
      int nameFrom = NodeData.nameFrom(d);
      int nameTo = nameFrom + NodeData.nameLength(d);
      int c = bytes != null ? Wtf8.compare(d, nameFrom, nameTo, bytes, bFrom, bTo)
          : Wtf8.compare(d, nameFrom, nameTo, s, sFrom, sTo);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  /** Adds {@code child}, whose name no child of this directory has. */
  void addChild(Node child) {
    int i = findChild(child);
    if (i >= 0) {
      throw new IllegalStateException("a child named " + child.name() + " exists already");
    }
    int at = -(i + 1);
    if (childCount == children.length) {
      // grow by half: a directory of n keys costs ~4.8 n bytes of array on average
      children = Arrays.copyOf(children, Math.max(4, childCount + (childCount >> 1)));
    }
    System.arraycopy(children, at, children, at + 1, childCount - at);
    children[at] = child;
    childCount++;
  }

  /** Removes {@code child} if it is this directory's; whether it was. */
  boolean removeChild(Node child) {
    int i = findChild(child);
    if (i < 0 || children[i] != child) {
      return false;
    }
    childCount--;
    System.arraycopy(children, i + 1, children, i, childCount - i);
    children[childCount] = null;
    if (childCount == 0) {
      children = NO_CHILDREN;
    } else if (children.length > 16 && childCount < children.length / 4) {
      // give back what a mass deletion left unused
      children = Arrays.copyOf(children, childCount * 2);
    }
    return true;
  }

  /** Puts {@code replacement}, of the same name, in {@code child}'s place: no shifting, as a set of an existing key needs. */
  void replaceChild(Node child, Node replacement) {
    int i = findChild(child);
    if (i < 0 || children[i] != child) {
      throw new IllegalStateException("no child " + child.name() + " to replace");
    }
    children[i] = replacement;
  }

  /** Takes every child out at once (a recursive removal): they are returned in order. */
  Node[] removeAllChildren() {
    Node[] out = Arrays.copyOf(children, childCount);
    children = NO_CHILDREN;
    childCount = 0;
    return out;
  }

  // ---- TTL

  boolean isPermanent() {
    return ttl == null;
  }

  /** Absolute expiration in epoch ms; 0 = permanent. */
  long expireAtMs() {
    return ttl == null ? 0 : ttl.expireAtMs;
  }

  /** The TTL's position holder; null for permanent nodes. */
  NodeTtl ttl() {
    return ttl;
  }

  /** Sets the expiration ({@code ms != 0}); the TTL heap must be told ({@link TtlHeap#push}). */
  void setExpireAt(long ms) {
    if (ttl == null) {
      ttl = new NodeTtl(ms);
    } else {
      ttl.set(ms);
    }
  }

  /** Makes the node permanent; it must be out of the TTL heap already. */
  void clearTtl() {
    if (ttl != null && ttl.heapIndex >= 0) {
      throw new IllegalStateException("node still in the TTL heap");
    }
    ttl = null;
  }

  private String expirationText() {
    return ttl == null ? null : ttl.expirationText;
  }

  /** etcd's expirationAndTTL: seconds left rounded up (truncated toward zero once past). */
  long ttlSeconds(long nowMs) {
    if (ttl == null) {
      return 0;
    }
    long leftMs = ttl.expireAtMs - nowMs;
    long ttlSec = leftMs / 1000;
    if (leftMs % 1000 > 0) {
      ttlSec++;
    }
    return ttlSec;
  }

  // ---- views

  /** etcd's node.Repr of this node at {@code path}: children (recursively) only when {@code recursive}. */
  NodeView view(String path, boolean recursive, boolean sorted, long nowMs) {
    if (isDir()) {
      List<NodeView> nodes = recursive ? childViews(path, true, sorted, nowMs) : null;
      return new NodeView(path, true, null, createdIndex, modifiedIndex, expirationText(), ttlSeconds(nowMs), nodes);
    }
    return new NodeView(path, false, value(), createdIndex, modifiedIndex, expirationText(), ttlSeconds(nowMs), null);
  }

  /** etcd's loadInternalNode (a GET) at {@code path}: a directory always lists its visible children. */
  NodeView viewForGet(String path, boolean recursive, boolean sorted, long nowMs) {
    if (isDir()) {
      return new NodeView(path, true, null, createdIndex, modifiedIndex, expirationText(), ttlSeconds(nowMs),
          childViews(path, recursive, sorted, nowMs));
    }
    return view(path, false, false, nowMs);
  }

  /** A view of this node's state with another modifiedIndex and value, as a write shows it. */
  NodeView viewAfterWrite(String path, String shownValue, long shownModifiedIndex, long nowMs) {
    return new NodeView(path, isDir(), shownValue, createdIndex, shownModifiedIndex, expirationText(),
        ttlSeconds(nowMs), null);
  }

  private List<NodeView> childViews(String path, boolean recursive, boolean sorted, long nowMs) {
    List<NodeView> out = new ArrayList<>(childCount);
    for (int i = 0; i < childCount; i++) {
      Node child = children[i];
      if (!child.isHidden()) {
        out.add(child.view(KeyPath.join(path, child.name()), recursive, sorted, nowMs));
      }
    }
    // children are in byte order already; Go's sort differs only for unpaired surrogates
    if (sorted && out.size() > 1) {
      out.sort((a, b) -> KeyPath.compareGo(a.key(), b.key()));
    }
    return out;
  }
}
