package io.etcdj.client;

import java.util.concurrent.CompletableFuture;

/** A running stream watch; {@link #close()} stops it (the listener gets no more events). */
public interface WatchStream extends AutoCloseable {
  /**
   * Completes when the server answered the watch's headers, i.e. the watcher is registered:
   * events written after this are seen. (A stream watch given a waitIndex that the history
   * still holds gets that one event on etcd and is not registered further: an etcd quirk.)
   * Completes exceptionally if the watch could not be started.
   */
  CompletableFuture<Void> started();

  @Override void close();
}
