package io.etcdj.kvstore;

/** A registered watch. A non-stream watcher ends itself after its first event. */
public interface Watcher {
  /** Unregisters; safe to call from any thread, more than once. */
  void cancel();

  /** The store index when the watch was registered: etcd's X-Etcd-Index for a watch response. */
  default long startIndex() {
    return 0;
  }
}
