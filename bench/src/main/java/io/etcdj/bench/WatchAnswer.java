package io.etcdj.bench;

/** What one watch answer (or one stream line) said, as far as the watch bench cares. */
sealed interface WatchAnswer {
  /** An event at {@code index}; {@code sentNanos} is the writer's System.nanoTime from the value, or -1. */
  record Event(long index, long sentNanos) implements WatchAnswer {}

  /** An etcd error body, e.g. 401 EventIndexCleared with the store's current {@code index}. */
  record Error(int errorCode, long index) implements WatchAnswer {}

  /** Anything else (not JSON, or neither shape). */
  record Unreadable(String why) implements WatchAnswer {}
}
