package io.etcdj.kvstore;

/**
 * Receives the events a watcher matches. Called with the store's write lock held: on the apply
 * thread for new events, or on the thread calling {@link Store#watch} for events replayed from
 * the history (before {@code watch} returns). It must not block and must not call back into the
 * store (cancelling its own watcher is tolerated); hand the event to the consumer's own thread
 * (e.g. a Netty channel's event loop) and return. An exception thrown here ends the watch.
 */
@FunctionalInterface
public interface WatchListener {
  void onEvent(Event event);
}
