package io.etcdj.kvstore;

/**
 * Intrusive doubly linked list of the watchers of one key, in registration order. Owned by
 * whoever owns the index holding it: the store's write-lock holder for {@link WatcherHub}'s own
 * watchers, the consumer thread for a {@link WatchGroup}'s.
 */
final class WatcherList {
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

  /** Marks {@code w} removed and unlinks it if it is in this list; whether it was. */
  boolean drop(HubWatcher w) {
    w.removed = true;
    if (!contains(w)) {
      return false;
    }
    remove(w);
    return true;
  }

  /**
   * etcd's notifyWatchers over this list: offers {@code e} to each live watcher, unlinking (via
   * {@code unlinker}) those that took it and are done, and those already removed.
   */
  void offer(Event e, boolean originalPath, boolean deleted, Unlinker unlinker) {
    HubWatcher w = head;
    while (w != null) {
      HubWatcher next = w.next;
      if (!w.removed && w.offer(e, originalPath, deleted) && (!w.stream || w.removed)) {
        unlinker.unlink(this, w);
      } else if (w.removed) {
        unlinker.unlink(this, w);
      }
      w = next;
    }
  }

  @FunctionalInterface
  interface Unlinker {
    void unlink(WatcherList list, HubWatcher w);
  }
}
