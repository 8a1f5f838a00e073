package io.etcdj.kvstore;

import io.etcdj.kvstore.StoreCounters.Kind;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The tree and etcd's v2store operations on it (store.go): Set, Create, Update, CompareAndSwap,
 * Delete, CompareAndDelete, DeleteExpiredKeys, Get, with etcd's errors, causes, indexes and stats
 * counting (quirks included: e.g. etcd counts a compareAndDelete whose comparison fails as a
 * success). Owned by the apply thread: writes under the store's write lock, gets under its read
 * lock. {@code nowMs} is the command's time for writes, the reader's clock for gets.
 */
final class KeyTree {
  /** etcd treats expirations before 2000-01-01T00:00:00Z as "permanent" on create and set. */
  private static final long MIN_EXPIRE_MS = 946_684_800_000L;

  final Node root;
  final TtlHeap ttlHeap = new TtlHeap();
  final WatcherHub hub;
  final StoreCounters counters;
  final Set<String> readOnly;
  /** CurrentIndex; written by the apply thread only, read lock-free by index(). */
  volatile long index;

  KeyTree(Node root, long index, WatcherHub hub, StoreCounters counters, Set<String> readOnly) {
    this.root = root;
    this.index = index;
    this.hub = hub;
    this.counters = counters;
    this.readOnly = readOnly;
  }

  // ---- reads

  StoreResult get(String rawPath, boolean recursive, boolean sorted, long nowMs) {
    String p = KeyPath.clean(rawPath);
    try {
      Node n = lookup(p);
      NodeView view = n.viewForGet(p, recursive, sorted, nowMs);
      counters.inc(Kind.GETS_SUCCESS);
      return ok(new Event("get", view, null, index));
    } catch (StoreFailure f) {
      counters.inc(Kind.GETS_FAIL);
      return new StoreResult.Err(f.error);
    }
  }

  /** etcd's internalGet: walks from the root; 104 on a key in the way, 100 on a missing child. */
  Node lookup(String cleanPath) {
    Node curr = root;
    int start = 1;
    int n = cleanPath.length();
    while (start < n) {
      int end = cleanPath.indexOf('/', start);
      if (end < 0) {
        end = n;
      }
      if (!curr.isDir()) {
        throw new StoreFailure(new StoreError(ErrorCode.NOT_DIR, cleanPath.substring(0, start - 1), index));
      }
      Node child = curr.child(cleanPath, start, end);
      if (child == null) {
        throw new StoreFailure(new StoreError(ErrorCode.KEY_NOT_FOUND, cleanPath.substring(0, end), index));
      }
      curr = child;
      start = end + 1;
    }
    return curr;
  }

  // ---- writes (apply thread, write lock)

  StoreResult set(String rawPath, boolean dir, String value, long expireAtMs, boolean refresh, long nowMs) {
    String p = KeyPath.clean(rawPath);
    try {
      Node prev = null;
      StoreFailure getFailure = null;
      try {
        prev = lookup(p);
      } catch (StoreFailure f) {
        if (f.error.code() != ErrorCode.KEY_NOT_FOUND) {
          throw f;
        }
        getFailure = f;
      }
      if (refresh) {
        if (getFailure != null) {
          throw getFailure;
        }
        value = prev.value();
      }
      Created c = create(p, dir, value, false, true, expireAtMs, "set", nowMs);
      // a replaced node keeps its fields (and parent) once out of the tree
      NodeView prevView = prev == null ? null : prev.viewForGet(p, false, false, nowMs);
      Event e = new Event("set", c.view, prevView, index, refresh);
      publish(e, refresh);
      counters.inc(Kind.SETS_SUCCESS);
      return ok(e);
    } catch (StoreFailure f) {
      counters.inc(Kind.SETS_FAIL);
      return new StoreResult.Err(f.error);
    }
  }

  StoreResult create(String rawPath, boolean dir, String value, boolean unique, long expireAtMs, long nowMs) {
    try {
      Created c = create(rawPath, dir, value, unique, false, expireAtMs, "create", nowMs);
      Event e = new Event("create", c.view, null, index);
      publish(e, false);
      counters.inc(Kind.CREATE_SUCCESS);
      return ok(e);
    } catch (StoreFailure f) {
      counters.inc(Kind.CREATE_FAIL);
      return new StoreResult.Err(f.error);
    }
  }

  private record Created(NodeView view) {}

  /** etcd's internalCreate; advances the index on success. */
  private Created create(String rawPath, boolean dir, String value, boolean unique, boolean replace,
                         long expireAtMs, String action, long nowMs) {
    long curr = index;
    long next = curr + 1;
    String p = rawPath;
    if (unique) {
      p = p + "/" + zeroPad20(next);
    }
    p = KeyPath.clean(p);
    if (readOnly.contains(p)) {
      throw new StoreFailure(new StoreError(ErrorCode.ROOT_READ_ONLY, "/", curr));
    }
    if (expireAtMs < MIN_EXPIRE_MS) {
      expireAtMs = 0;
    }
    int slash = p.lastIndexOf('/');
    String name = p.substring(slash + 1);
    Node d = walkCreatingDirs(p, slash, next);
    Node existing = d.child(name);
    if (existing != null) {
      if (!replace) {
        throw new StoreFailure(new StoreError(ErrorCode.NODE_EXIST, p, curr));
      }
      if (existing.isDir()) {
        throw new StoreFailure(new StoreError(ErrorCode.NOT_FILE, p, curr));
      }
    }
    Node n = dir ? Node.newDir(name, d, next, expireAtMs) : Node.newKey(name, d, next, expireAtMs, value);
    if (existing != null) {
      // etcd removes the key and adds the new node; taking its slot in the array is the same
      d.replaceChild(existing, n);
      ttlHeap.remove(existing);
    } else {
      d.addChild(n);
    }
    if (!n.isPermanent()) {
      ttlHeap.push(n);
    }
    index = next;
    return new Created(n.viewAfterWrite(p, dir ? null : (value == null ? "" : value), next, nowMs));
  }

  /** etcd's walk with checkDir over the parent of {@code p}: creates missing directories at {@code next}. */
  private Node walkCreatingDirs(String p, int parentEnd, long next) {
    Node curr = root;
    int start = 1;
    while (start < parentEnd) {
      int end = p.indexOf('/', start);
      Node child = curr.child(p, start, end);
      if (child == null) {
        child = Node.newDir(p.substring(start, end), curr, next, 0);
        curr.addChild(child);
      } else if (!child.isDir()) {
        // etcd bumps setsFail here on top of the caller's own failure counter
        counters.inc(Kind.SETS_FAIL);
        throw new StoreFailure(new StoreError(ErrorCode.NOT_DIR, p.substring(0, end), index));
      }
      curr = child;
      start = end + 1;
    }
    return curr;
  }

  StoreResult update(String rawPath, String value, long expireAtMs, boolean refresh, long nowMs) {
    String p = KeyPath.clean(rawPath);
    try {
      if (readOnly.contains(p)) {
        throw new StoreFailure(new StoreError(ErrorCode.ROOT_READ_ONLY, "/", index), true);
      }
      long next = index + 1;
      Node n = lookup(p);
      if (n.isDir() && !value.isEmpty()) {
        throw new StoreFailure(new StoreError(ErrorCode.NOT_FILE, p, index), true);
      }
      if (refresh) {
        value = n.value();
      }
      NodeView prev = n.view(p, false, false, nowMs);
      if (!n.isDir()) {
        // etcd's Write fails silently on a directory, leaving its modifiedIndex as it was
        n.setValue(value);
        n.modifiedIndex = next;
      }
      updateTtl(n, expireAtMs);
      NodeView view = n.viewAfterWrite(p, n.isDir() ? null : value, next, nowMs);
      index = next;
      Event e = new Event("update", view, prev, next, refresh);
      publish(e, refresh);
      counters.inc(Kind.UPDATE_SUCCESS);
      return ok(e);
    } catch (StoreFailure f) {
      counters.inc(f.countsAsSuccess ? Kind.UPDATE_SUCCESS : Kind.UPDATE_FAIL);
      return new StoreResult.Err(f.error);
    }
  }

  StoreResult compareAndSwap(String rawPath, String prevValue, long prevIndex, String value, long expireAtMs,
                             boolean refresh, long nowMs) {
    String p = KeyPath.clean(rawPath);
    try {
      if (readOnly.contains(p)) {
        throw new StoreFailure(new StoreError(ErrorCode.ROOT_READ_ONLY, "/", index), true);
      }
      Node n = compared(p, prevValue, prevIndex, false);
      if (refresh) {
        value = n.value();
      }
      long next = index + 1;
      index = next;
      NodeView prev = n.view(p, false, false, nowMs);
      n.setValue(value);
      n.modifiedIndex = next;
      updateTtl(n, expireAtMs);
      NodeView view = n.viewAfterWrite(p, value, next, nowMs);
      Event e = new Event("compareAndSwap", view, prev, next, refresh);
      publish(e, refresh);
      counters.inc(Kind.COMPARE_AND_SWAP_SUCCESS);
      return ok(e);
    } catch (StoreFailure f) {
      counters.inc(f.countsAsSuccess ? Kind.COMPARE_AND_SWAP_SUCCESS : Kind.COMPARE_AND_SWAP_FAIL);
      return new StoreResult.Err(f.error);
    }
  }

  StoreResult delete(String rawPath, boolean dir, boolean recursive, long nowMs) {
    String p = KeyPath.clean(rawPath);
    try {
      if (readOnly.contains(p)) {
        throw new StoreFailure(new StoreError(ErrorCode.ROOT_READ_ONLY, "/", index), true);
      }
      if (recursive) {
        dir = true;
      }
      Node n = lookup(p);
      long next = index + 1;
      NodeView view = new NodeView(p, n.isDir(), null, n.createdIndex, next, null, 0, null);
      Event e = new Event("delete", view, n.view(p, false, false, nowMs), next);
      remove(n, dir, recursive, removedPath -> hub.notifyWatchers(e, removedPath, true));
      index = next;
      hub.notify(e);
      counters.inc(Kind.DELETE_SUCCESS);
      return ok(e);
    } catch (StoreFailure f) {
      counters.inc(f.countsAsSuccess ? Kind.DELETE_SUCCESS : Kind.DELETE_FAIL);
      return new StoreResult.Err(f.error);
    }
  }

  StoreResult compareAndDelete(String rawPath, String prevValue, long prevIndex, long nowMs) {
    String p = KeyPath.clean(rawPath);
    try {
      // etcd counts a failed compareAndDelete comparison as a success in its stats
      Node n = compared(p, prevValue, prevIndex, true);
      long next = index + 1;
      index = next;
      NodeView view = new NodeView(p, false, null, n.createdIndex, next, null, 0, null);
      Event e = new Event("compareAndDelete", view, n.view(p, false, false, nowMs), next);
      remove(n, false, false, removedPath -> hub.notifyWatchers(e, removedPath, true));
      hub.notify(e);
      counters.inc(Kind.COMPARE_AND_DELETE_SUCCESS);
      return ok(e);
    } catch (StoreFailure f) {
      counters.inc(f.countsAsSuccess ? Kind.COMPARE_AND_DELETE_SUCCESS : Kind.COMPARE_AND_DELETE_FAIL);
      return new StoreResult.Err(f.error);
    }
  }

  /** etcd's DeleteExpiredKeys: one "expire" event (and index) per node expiring at or before {@code cutoffMs}. */
  Event expire(long cutoffMs) {
    Event last = null;
    for (Node n = ttlHeap.peek(); n != null && n.expireAtMs() <= cutoffMs; n = ttlHeap.peek()) {
      long next = index + 1;
      index = next;
      String path = n.path();
      NodeView view = new NodeView(path, n.isDir(), null, n.createdIndex, next, null, 0, null);
      Event e = new Event("expire", view, n.view(path, false, false, cutoffMs), next);
      ttlHeap.pop();
      remove(n, true, true, removedPath -> hub.notifyWatchers(e, removedPath, true));
      counters.inc(Kind.EXPIRE_COUNT);
      hub.notify(e);
      last = e;
    }
    return last;
  }

  boolean hasTtlKeys() {
    return ttlHeap.size() != 0;
  }

  // ---- helpers

  /**
   * etcd's node.Remove: checks first, then removes children (each subtree before its directory)
   * before the directory itself, reporting each removed path.
   */
  private void remove(Node n, boolean dir, boolean recursive, Consumer<String> onRemoved) {
    if (n.isDir()) {
      if (!dir) {
        throw new StoreFailure(new StoreError(ErrorCode.NOT_FILE, n.path(), index));
      }
      if (n.childCount() != 0 && !recursive) {
        throw new StoreFailure(new StoreError(ErrorCode.DIR_NOT_EMPTY, n.path(), index));
      }
    }
    Node parent = n.parent;
    if (parent == null || !parent.removeChild(n)) {
      return;
    }
    forgetSubtree(n, n.path(), onRemoved);
  }

  /**
   * Everything below and including {@code n}, already unlinked from its parent, leaves the TTL
   * heap and is reported, children first and in name order. A directory's children are taken
   * out all at once: one by one, each removal would shift the rest of the sorted array.
   */
  private void forgetSubtree(Node n, String path, Consumer<String> onRemoved) {
    if (n.isDir() && n.childCount() != 0) {
      for (Node child : n.removeAllChildren()) {
        forgetSubtree(child, KeyPath.join(path, child.name()), onRemoved);
      }
    }
    if (onRemoved != null) {
      onRemoved.accept(path);
    }
    ttlHeap.remove(n);
  }

  /** etcd's UpdateTTL: 0 makes the node permanent. */
  private void updateTtl(Node n, long expireAtMs) {
    if (expireAtMs == 0) {
      ttlHeap.remove(n);
      n.clearTtl();
      return;
    }
    n.setExpireAt(expireAtMs);
    ttlHeap.push(n);
  }

  /** The compare step of compareAndSwap/compareAndDelete: the key at {@code p}, if it is a key and matches. */
  private Node compared(String p, String prevValue, long prevIndex, boolean failureCountsAsSuccess) {
    Node n = lookup(p);
    if (n.isDir()) {
      throw new StoreFailure(new StoreError(ErrorCode.NOT_FILE, p, index), failureCountsAsSuccess);
    }
    String cause = compareFailCause(n, prevValue, prevIndex);
    if (cause != null) {
      throw new StoreFailure(new StoreError(ErrorCode.TEST_FAILED, cause, index), failureCountsAsSuccess);
    }
    return n;
  }

  /** etcd's Compare + getCompareFailCause; null when the node matches. */
  private static String compareFailCause(Node n, String prevValue, long prevIndex) {
    boolean indexMatch = prevIndex == 0 || n.modifiedIndex == prevIndex;
    boolean valueMatch = prevValue.isEmpty() || n.valueEquals(prevValue);
    if (indexMatch && valueMatch) {
      return null;
    }
    if (!indexMatch && valueMatch) {
      return "[" + Long.toUnsignedString(prevIndex) + " != " + n.modifiedIndex + "]";
    }
    if (indexMatch) {
      return "[" + prevValue + " != " + n.value() + "]";
    }
    return "[" + prevValue + " != " + n.value() + "] [" + Long.toUnsignedString(prevIndex) + " != "
        + n.modifiedIndex + "]";
  }

  private void publish(Event e, boolean refresh) {
    if (refresh) {
      hub.record(e);
    } else {
      hub.notify(e);
    }
  }

  private static StoreResult ok(Event e) {
    return new StoreResult.Ok(e);
  }

  static String zeroPad20(long v) {
    String s = Long.toUnsignedString(v);
    return "00000000000000000000".substring(s.length()) + s;
  }
}
