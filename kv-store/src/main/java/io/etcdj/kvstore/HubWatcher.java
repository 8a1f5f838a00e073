package io.etcdj.kvstore;

/**
 * A registered watcher. Its fields are read and written only under the store's write lock (by the
 * apply thread when notifying, by any thread when registering or cancelling); it is a node of the
 * intrusive list the hub keeps per watched key, so cancelling costs O(1).
 */
final class HubWatcher implements Watcher {
  final String key;
  final boolean recursive;
  final boolean stream;
  long sinceIndex;
  final long startIndex;
  final WatchListener listener;
  private final WatcherHub hub;
  boolean removed;
  HubWatcher prev;
  HubWatcher next;

  HubWatcher(WatcherHub hub, String key, boolean recursive, boolean stream, long sinceIndex, long startIndex,
             WatchListener listener) {
    this.hub = hub;
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
    hub.cancel(this);
  }

  @Override
  public long startIndex() {
    return startIndex;
  }
}
