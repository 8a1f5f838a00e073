package io.etcdj.kvstore;

/**
 * Receives the events a watcher matches. Called on the thread that applies to the store, with the
 * store's lock held: it must not block and must not call back into the store; hand the event to
 * the consumer's own thread (e.g. a Netty channel's event loop) and return.
 */
@FunctionalInterface
public interface WatchListener {
  void onEvent(Event event);
}
