package io.etcdj.kvstore;

import java.util.HashMap;
import java.util.List;
import java.util.concurrent.locks.Lock;

/**
 * Watchers indexed by the key they watch (etcd's watcherHub). An event on /a/b/c looks up "/",
 * "/a", "/a/b" and "/a/b/c" only: the cost grows with the key's depth, not the number of
 * watchers. Every method runs under the store's write lock ({@code writeLock}): notifications
 * from the apply thread, registration and cancellation from any thread.
 */
final class WatcherHub {
  private final HashMap<String, WatcherList> byKey = new HashMap<>();
  private final Lock writeLock;
  EventHistory history;
  private volatile long count;

  WatcherHub(HistoryLimits historyLimits, String clientPrefix, Lock writeLock) {
    this.history = new EventHistory(historyLimits, clientPrefix);
    this.writeLock = writeLock;
  }

  long count() {
    return count;
  }

  /** etcd's watcherHub.watch; {@code sinceIndex} already defaulted to storeIndex + 1 by the caller. */
  Store.WatchResult watch(String key, boolean recursive, boolean stream, long sinceIndex, long storeIndex,
                          WatchListener listener) {
    EventHistory.ScanResult scan = history.scan(key, recursive, sinceIndex);
    if (scan.error() != null) {
      return new Store.WatchResult.Rejected(scan.error().withIndex(storeIndex));
    }
    HubWatcher w = new HubWatcher(this, key, recursive, stream, sinceIndex, storeIndex, listener);
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
    count++;
    return new Store.WatchResult.Registered(w);
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
    if (count == 0) {
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
    if (list == null) {
      return;
    }
    String eventKey = e.node().key();
    boolean originalPath = eventKey.equals(path);
    boolean hidden = !originalPath && KeyPath.hiddenFrom(path, eventKey);
    if (hidden) {
      return;
    }
    HubWatcher w = list.head;
    while (w != null) {
      HubWatcher next = w.next;
      if (!w.removed && w.offer(e, originalPath, deleted) && (!w.stream || w.removed)) {
        unlink(list, w);
      } else if (w.removed) {
        unlink(list, w);
      }
      w = next;
    }
    if (list.head == null) {
      byKey.remove(path);
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
    if (!list.contains(w)) {
      w.removed = true;
      return;
    }
    list.remove(w);
    w.removed = true;
    count--;
  }

  /** Intrusive doubly linked list of the watchers of one key, in registration order. */
  private static final class WatcherList {
    HubWatcher head;
    HubWatcher tail;

    void append(HubWatcher w) {
      w.prev = tail;
      w.next = null;
      if (tail == null) {
        head = w;
      } else {
        tail.next = w;
      }
      tail = w;
    }

    boolean contains(HubWatcher w) {
      return w.prev != null || head == w;
    }

    void remove(HubWatcher w) {
      if (w.prev == null) {
        head = w.next;
      } else {
        w.prev.next = w.next;
      }
      if (w.next == null) {
        tail = w.prev;
      } else {
        w.next.prev = w.prev;
      }
      // w.next is kept so an iteration standing on w can still move on
      w.prev = null;
    }
  }
}
