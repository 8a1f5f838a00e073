package io.etcdj.kvstore;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The v2 store: a deterministic tree of keys and directories with its own index, TTLs, watchers
 * and event history. Writes come only from {@link #apply} (one thread, in Raft log order); reads
 * and watch registrations may come from any thread.
 *
 * <p>Threads: the apply thread owns the tree, the TTL heap and the event history and mutates them
 * under the write lock. GETs take the read lock (many at once). Watch registration takes the
 * write lock, so a watcher registered at index i misses nothing after i; cancellation takes it
 * too, except for a {@link WatchGroup}'s watchers, which their group's thread unlinks alone.
 * {@link #index()} and {@link #stats()} read volatile/atomic fields without locking.
 */
public final class Store implements StoreReader {
  private final ReentrantReadWriteLock lock;
  /** Replaced only by {@link #recover}, under the write lock. */
  private volatile KeyTree tree;
  /** Where clients' keys live ("" when the whole store is theirs); see {@link #internalVersion}. */
  private final String clientPrefix;
  /** Written only by the apply thread (one writer, so no atomic needed); read by any. */
  private volatile long internalVersion;

  /** An empty store whose event history keeps the last {@code historyCapacity} events. */
  public Store(int historyCapacity) {
    this(historyCapacity, new String[0]);
  }

  /**
   * An empty store with read-only top-level directories created at index 0, as etcd's
   * {@code v2store.New("/0", "/1")} (etcd keeps v2 keys under "/1" and answers 107 for writes to it).
   */
  public Store(int historyCapacity, String... namespaces) {
    this("", HistoryLimits.of(historyCapacity), namespaces);
  }

  /**
   * The store etcd's v2 server uses ({@code v2store.New("/0", "/1")}, members under "/0", client
   * keys under "/1"), whose event history keeps the JSON clients see: keys without the "/1".
   */
  public static Store etcdV2(int historyCapacity) {
    return etcdV2(HistoryLimits.of(historyCapacity));
  }

  /** {@link #etcdV2(int)} with a history bounded by {@code limits}. */
  public static Store etcdV2(HistoryLimits limits) {
    return new Store(KEYS_PREFIX, limits, new String[] {"/0", KEYS_PREFIX});
  }

  /** Where etcd keeps the v2 keys clients see; it cuts this prefix from every key it shows. */
  public static final String KEYS_PREFIX = "/1";

  private Store(String clientPrefix, HistoryLimits historyLimits, String[] namespaces) {
    this.lock = new ReentrantReadWriteLock();
    this.clientPrefix = clientPrefix;
    Node root = Node.newDir("/", null, 0, 0);
    Set<String> readOnly = new LinkedHashSet<>();
    readOnly.add("/");
    for (String ns : namespaces) {
      String p = KeyPath.clean(ns);
      root.addChild(Node.newDir(KeyPath.name(p), root, 0, 0));
      readOnly.add(p);
    }
    this.tree = new KeyTree(root, 0, new WatcherHub(historyLimits, clientPrefix, lock.writeLock()), new StoreCounters(),
        Set.copyOf(readOnly));
  }

  /** For restore: {@code tree}'s watcher hub must have been built on {@code lock}'s write lock. */
  Store(ReentrantReadWriteLock lock, KeyTree tree) {
    this.lock = lock;
    this.tree = tree;
    this.clientPrefix = tree.hub.history.prefix();
  }

  /**
   * Applies one committed command. Deterministic: same state + same command = same result.
   * The mapping is etcd's apply_v2.go. For {@link StoreCommand.Expire} the result is Ok with the
   * last "expire" event, or, when nothing expired, Ok with a "sync" event on "/" that no client sees.
   */
  public StoreResult apply(StoreCommand command) {
    lock.writeLock().lock();
    try {
      return applyLocked(command);
    } finally {
      if (touchesInternalKeys(command)) {
        internalVersion++;
      }
      lock.writeLock().unlock();
    }
  }

  /**
   * Counts the writes outside the clients' key space (membership records under "/0", v2 auth
   * under "/2") and every snapshot recovery: a reader that derives state from those keys (the
   * auth rules every request is checked against) rebuilds it only when this number moves, at the
   * cost of one volatile read per request. Clients' writes and expirations never move it.
   */
  @Override public long internalVersion() {
    return internalVersion;
  }

  private boolean touchesInternalKeys(StoreCommand command) {
    String path = command instanceof StoreCommand.Put put ? put.path()
        : command instanceof StoreCommand.Post post ? post.path()
        : command instanceof StoreCommand.Delete del ? del.path() : null;
    return path != null && !clientPrefix.isEmpty()
        && !(path.startsWith(clientPrefix) && (path.length() == clientPrefix.length() || path.charAt(clientPrefix.length()) == '/'));
  }

  private StoreResult applyLocked(StoreCommand command) {
    long now = command.timeMs();
    if (command instanceof StoreCommand.Put put) {
      String value = orEmpty(put.value());
      String prevValue = orEmpty(put.prevValue());
      switch (put.prevExist()) {
        case TRUE -> {
          if (put.prevIndex() == 0 && prevValue.isEmpty()) {
            return tree.update(put.path(), value, put.expireAtMs(), put.refresh(), now);
          }
          return tree.compareAndSwap(put.path(), prevValue, put.prevIndex(), value, put.expireAtMs(),
              put.refresh(), now);
        }
        case FALSE -> {
          return tree.create(put.path(), put.dir(), value, false, put.expireAtMs(), now);
        }
        default -> {
          if (put.prevIndex() != 0 || !prevValue.isEmpty()) {
            return tree.compareAndSwap(put.path(), prevValue, put.prevIndex(), value, put.expireAtMs(),
                put.refresh(), now);
          }
          return tree.set(put.path(), put.dir(), value, put.expireAtMs(), put.refresh(), now);
        }
      }
    }
    if (command instanceof StoreCommand.Post post) {
      return tree.create(post.path(), post.dir(), orEmpty(post.value()), true, post.expireAtMs(), now);
    }
    if (command instanceof StoreCommand.Delete del) {
      String prevValue = orEmpty(del.prevValue());
      if (del.prevIndex() != 0 || !prevValue.isEmpty()) {
        return tree.compareAndDelete(del.path(), prevValue, del.prevIndex(), now);
      }
      return tree.delete(del.path(), del.dir(), del.recursive(), now);
    }
    StoreCommand.Expire expire = (StoreCommand.Expire) command;
    Event last = tree.expire(expire.timeMs());
    if (last == null) {
      long idx = tree.index;
      last = new Event("sync", new NodeView("/", true, null, 0, idx, null, 0, null), null, idx);
    }
    return new StoreResult.Ok(last);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  @Override public StoreResult get(String path, boolean recursive, boolean sorted, long nowMs) {
    lock.readLock().lock();
    try {
      return tree.get(path, recursive, sorted, nowMs);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Registers a watcher on {@code path}. With {@code sinceIndex > 0} a matching event already in
   * the history is delivered at once (and a non-stream watcher is then done); if the history no
   * longer reaches back to {@code sinceIndex} the result is error 401 (EventIndexCleared).
   * The listener may be called before this method returns (history hits), on the calling thread.
   * A stream watcher replays every matching event of the history from {@code sinceIndex} on and
   * then keeps watching (etcd sends only the first and then falls silent).
   */
  @Override public WatchResult watch(String path, boolean recursive, boolean stream, long sinceIndex,
                           WatchListener listener) {
    String key = KeyPath.clean(path);
    lock.writeLock().lock();
    try {
      long current = tree.index;
      long since = sinceIndex == 0 ? current + 1 : sinceIndex;
      return tree.hub.watch(key, recursive, stream, since, current, listener);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * A group of watchers served by {@code consumer}'s thread: each event is handed to the group
   * once and delivered there in one pass (see {@link WatchGroup}), instead of the apply thread
   * calling every watcher's listener under the write lock.
   */
  @Override public WatchGroup newWatchGroup(WatchGroup.Consumer consumer) {
    return new WatchGroup(this, consumer);
  }

  /** {@link WatchGroup#watch}'s locked half (on the group's consumer thread). */
  WatchResult watchInGroup(WatchGroup group, String path, boolean recursive, boolean stream, long sinceIndex,
                           WatchListener listener, java.util.List<Event> replay) {
    String key = KeyPath.clean(path);
    lock.writeLock().lock();
    try {
      long current = tree.index;
      long since = sinceIndex == 0 ? current + 1 : sinceIndex;
      return tree.hub.watchInGroup(group, key, recursive, stream, since, current, listener, replay);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** A group's watcher was unregistered (on the group's thread, without the lock). */
  void watcherGone() {
    tree.hub.count.decrement();
  }

  @Override public long index() {
    return tree.index;
  }

  /** Whether any key has a TTL, i.e. whether the leader needs to propose {@link StoreCommand.Expire}. */
  public boolean hasTtlKeys() {
    lock.readLock().lock();
    try {
      return tree.hasTtlKeys();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override public StoreStats stats() {
    return tree.counters.snapshot(tree.hub.count());
  }

  /** A consistent snapshot of the whole store (tree, index, TTLs, event history, stats). */
  public byte[] save() {
    return capture().serialize();
  }

  /**
   * The state a snapshot holds, copied under the lock (a walk of the tree, no encoding); encode
   * it with {@link StoreImage#serialize()} on any thread while the store goes on applying.
   */
  public StoreImage capture() {
    lock.readLock().lock();
    try {
      return StoreSnapshot.capture(tree);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A store equal to the one that produced {@code snapshot} (watchers are not part of it). */
  public static Store restore(byte[] snapshot, int historyCapacity) {
    return restore(snapshot, HistoryLimits.of(historyCapacity));
  }

  /** {@link #restore(byte[], int)} with a history bounded by {@code limits}. */
  public static Store restore(byte[] snapshot, HistoryLimits limits) {
    return StoreSnapshot.read(snapshot, limits);
  }

  /**
   * Replaces this store's whole state by a snapshot's (etcd's Recovery, e.g. when a follower
   * installs the leader's snapshot). Registered watchers stay registered and keep waiting for
   * their next event; the history becomes the snapshot's. Call it from the apply thread.
   */
  public void recover(byte[] snapshot) {
    // Decoded outside the lock (it can take a while for a large store): readers go on reading
    // the old tree meanwhile, and the new one is swapped in at once.
    StoreSnapshot.Parsed parsed = StoreSnapshot.parse(snapshot);
    lock.writeLock().lock();
    try {
      WatcherHub hub = tree.hub; // the hub outlives every tree: registered watchers stay
      if (!parsed.historyPrefix().equals(hub.history.prefix())) {
        throw new IllegalArgumentException("snapshot of a store with client prefix \"" + parsed.historyPrefix() + "\"");
      }
      tree = parsed.build(hub);
      internalVersion++;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Result of {@link #watch}: a registered watcher, or an etcd error (e.g. 401). */
  public sealed interface WatchResult permits WatchResult.Registered, WatchResult.Rejected {
    record Registered(Watcher watcher) implements WatchResult {}
    record Rejected(StoreError error) implements WatchResult {}
  }
}
