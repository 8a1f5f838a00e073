package io.etcdj.kvstore;

/**
 * A registered watcher, a node of the intrusive list kept per watched key, so cancelling costs
 * O(1). A watcher of the hub itself ({@code group == null}) is read and written only under the
 * store's write lock (by the apply thread when notifying, by any thread when registering or
 * cancelling); a watcher of a {@link WatchGroup} only on that group's consumer thread (its
 * registration, under the lock, happens on that thread too).
 */
final class HubWatcher implements Watcher {
  final String key;
  final boolean recursive;
  final boolean stream;
  long sinceIndex;
  final long startIndex;
  final WatchListener listener;
  private final WatcherHub hub;
  /** The group delivering to this watcher on its consumer thread; null: the hub, under the lock. */
  final WatchGroup group;
  boolean removed;
  HubWatcher prev;
  HubWatcher next;

  HubWatcher(WatcherHub hub, WatchGroup group, String key, boolean recursive, boolean stream, long sinceIndex,
             long startIndex, WatchListener listener) {
    this.hub = hub;
    this.group = group;
    this.key = key;
    this.recursive = recursive;
    this.stream = stream;
    this.sinceIndex = sinceIndex;
    this.startIndex = startIndex;
    this.listener = listener;
  }

  /** etcd's watcher.notify: whether this watcher takes the event (and has been handed it). */
  boolean offer(Event e, boolean originalPath, boolean deleted) {
    if ((recursive || originalPath || deleted) && e.index() >= sinceIndex) {
      deliver(e);
      return true;
    }
    return false;
  }

  void deliver(Event e) {
    try {
      listener.onEvent(e);
    } catch (RuntimeException listenerBug) {
      // a broken consumer must not stop the apply loop; it just loses its watch
      removed = true;
    }
  }

  @Override
  public void cancel() {
    if (group != null) {
      group.cancel(this);
    } else {
      hub.cancel(this);
    }
  }

  @Override
  public long startIndex() {
    return startIndex;
  }
}
