package io.etcdj.kvstore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;

/**
 * Watchers indexed by the key they watch (etcd's watcherHub). An event on /a/b/c looks up "/",
 * "/a", "/a/b" and "/a/b/c" only: the cost grows with the key's depth, not the number of
 * watchers. Every method runs under the store's write lock ({@code writeLock}): notifications
 * from the apply thread, registration and cancellation from any thread.
 *
 * <p>Two kinds of watchers: the hub's own ({@code byKey}), offered each event here, one by one;
 * and those of {@link WatchGroup}s, for which the hub keeps only which groups watch which key
 * ({@code groupsByKey}) and hands each group the event once per watched path it touches: the
 * group's consumer thread then offers it to its own watchers in one pass.
 */
final class WatcherHub {
  private static final WatchGroup[] NO_GROUPS = new WatchGroup[0];

  private final HashMap<String, WatcherList> byKey = new HashMap<>();
  /** Under the write lock: the groups with (or recently with) watchers of each key. */
  private final HashMap<String, WatchGroup[]> groupsByKey = new HashMap<>();
  private final Lock writeLock;
  private final WatcherList.Unlinker unlinkHubWatcher = this::unlink;
  EventHistory history;
  /** Registered watchers, the hub's and the groups' (groups decrement on their own thread). */
  final LongAdder count = new LongAdder();

  WatcherHub(HistoryLimits historyLimits, String clientPrefix, Lock writeLock) {
    this.history = new EventHistory(historyLimits, clientPrefix);
    this.writeLock = writeLock;
  }

  long count() {
    return count.sum();
  }

  /** etcd's watcherHub.watch; {@code sinceIndex} already defaulted to storeIndex + 1 by the caller. */
  Store.WatchResult watch(String key, boolean recursive, boolean stream, long sinceIndex, long storeIndex,
                          WatchListener listener) {
    EventHistory.ScanResult scan = history.scan(key, recursive, sinceIndex);
    if (scan.error() != null) {
      return new Store.WatchResult.Rejected(scan.error().withIndex(storeIndex));
    }
    HubWatcher w = new HubWatcher(this, null, key, recursive, stream, sinceIndex, storeIndex, listener);
    if (scan.event() != null) {
      w.deliver(scan.event().withEtcdIndex(storeIndex));
      if (!stream) {
        w.removed = true;
        return new Store.WatchResult.Registered(w);
      }
      // Unlike etcd (which leaves such a stream silent forever), a stream watcher replays the
      // rest of the matching history and then stays registered for what comes next.
      List<Event> rest = history.scanAll(key, recursive, scan.event().index() + 1);
      for (Event e : rest) {
        w.deliver(e.withEtcdIndex(storeIndex));
      }
      w.sinceIndex = history.lastIndex() + 1;
      if (w.removed) {
        return new Store.WatchResult.Registered(w);
      }
    }
    byKey.computeIfAbsent(key, k -> new WatcherList()).append(w);
    count.increment();
    return new Store.WatchResult.Registered(w);
  }

  /**
   * The locked half of {@link WatchGroup#watch}, on the group's consumer thread: scans the history
   * exactly as {@link #watch} does, and if the watcher is to stay, makes sure the group is handed
   * every later event of {@code key}. History hits are added to {@code replay} (with the store
   * index) for the group to deliver once the lock is released; the watcher is not linked yet.
   */
  Store.WatchResult watchInGroup(WatchGroup group, String key, boolean recursive, boolean stream, long sinceIndex,
                                 long storeIndex, WatchListener listener, List<Event> replay) {
    EventHistory.ScanResult scan = history.scan(key, recursive, sinceIndex);
    if (scan.error() != null) {
      return new Store.WatchResult.Rejected(scan.error().withIndex(storeIndex));
    }
    HubWatcher w = new HubWatcher(this, group, key, recursive, stream, sinceIndex, storeIndex, listener);
    // Every event up to storeIndex has been notified already: the group may still hold some of
    // them in its inbox (for its other watchers), and this watcher must not take them again.
    long next = Math.max(sinceIndex, storeIndex + 1);
    if (scan.event() != null) {
      replay.add(scan.event().withEtcdIndex(storeIndex));
      if (!stream) {
        w.removed = true;
        return new Store.WatchResult.Registered(w);
      }
      for (Event e : history.scanAll(key, recursive, scan.event().index() + 1)) {
        replay.add(e.withEtcdIndex(storeIndex));
      }
      next = Math.max(history.lastIndex() + 1, storeIndex + 1);
    }
    w.sinceIndex = next;
    for (String stale : group.takeStaleKeys()) {
      dropGroupInterest(group, stale);
    }
    addGroupInterest(group, key);
    count.increment();
    return new Store.WatchResult.Registered(w);
  }

  private void addGroupInterest(WatchGroup group, String key) {
    WatchGroup[] groups = groupsByKey.getOrDefault(key, NO_GROUPS);
    for (WatchGroup g : groups) {
      if (g == group) {
        return;
      }
    }
    WatchGroup[] more = Arrays.copyOf(groups, groups.length + 1);
    more[groups.length] = group;
    groupsByKey.put(key, more);
  }

  /** Stops handing {@code key}'s events to {@code group}, unless it has watchers of it again. */
  private void dropGroupInterest(WatchGroup group, String key) {
    if (group.watches(key)) {
      return;
    }
    WatchGroup[] groups = groupsByKey.get(key);
    if (groups == null) {
      return;
    }
    List<WatchGroup> kept = new ArrayList<>(groups.length);
    for (WatchGroup g : groups) {
      if (g != group) {
        kept.add(g);
      }
    }
    if (kept.isEmpty()) {
      groupsByKey.remove(key);
    } else {
      groupsByKey.put(key, kept.toArray(NO_GROUPS));
    }
  }

  /** Replaces the history by {@code events} (oldest first), keeping the registered watchers. */
  void replaceHistory(List<Event> events) {
    history = new EventHistory(history.limits(), history.prefix());
    for (Event e : events) {
      history.add(e);
    }
  }

  /** Records an event without telling anyone (etcd's add, used for refreshes). */
  void record(Event e) {
    history.add(e);
  }

  /** etcd's notify: record, then offer the event to the watchers of the key and of each ancestor. */
  void notify(Event e) {
    history.add(e);
    if (byKey.isEmpty() && groupsByKey.isEmpty()) {
      return;
    }
    String key = e.node().key();
    notifyWatchers(e, "/", false);
    for (int slash = key.indexOf('/', 1); slash > 0; slash = key.indexOf('/', slash + 1)) {
      notifyWatchers(e, key.substring(0, slash), false);
    }
    if (key.length() > 1) {
      notifyWatchers(e, key, false);
    }
  }

  /** etcd's notifyWatchers: offers {@code e} to the watchers of exactly {@code path}. */
  void notifyWatchers(Event e, String path, boolean deleted) {
    WatcherList list = byKey.get(path);
    WatchGroup[] groups = groupsByKey.get(path);
    if (list == null && groups == null) {
      return;
    }
    String eventKey = e.node().key();
    boolean originalPath = eventKey.equals(path);
    if (!originalPath && KeyPath.hiddenFrom(path, eventKey)) {
      return;
    }
    if (groups != null) {
      for (WatchGroup g : groups) {
        g.offer(e, path, originalPath, deleted);
      }
    }
    if (list != null) {
      list.offer(e, originalPath, deleted, unlinkHubWatcher);
      if (list.head == null) {
        byKey.remove(path);
      }
    }
  }

  void cancel(HubWatcher w) {
    writeLock.lock();
    try {
      WatcherList list = byKey.get(w.key);
      if (list != null && list.contains(w)) {
        unlink(list, w);
        if (list.head == null) {
          byKey.remove(w.key);
        }
      }
      w.removed = true;
    } finally {
      writeLock.unlock();
    }
  }

  private void unlink(WatcherList list, HubWatcher w) {
    if (list.drop(w)) {
      count.decrement();
    }
  }
}
