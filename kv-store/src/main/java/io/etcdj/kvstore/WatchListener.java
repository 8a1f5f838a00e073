package io.etcdj.kvstore;

/**
 * Receives the events a watcher matches. For a watcher registered with {@link Store#watch}: called
 * with the store's write lock held, on the apply thread for new events, or on the thread calling
 * {@code watch} for events replayed from the history (before {@code watch} returns); it must not
 * block and must not call back into the store (cancelling its own watcher is tolerated); hand the
 * event to the consumer's own thread and return. For a watcher of a {@link WatchGroup}: called on
 * the group's consumer thread without the lock (during the group's passes, or before
 * {@link WatchGroup#watch} returns for history hits). An exception thrown here ends the watch.
 */
@FunctionalInterface
public interface WatchListener {
  void onEvent(Event event);
}
