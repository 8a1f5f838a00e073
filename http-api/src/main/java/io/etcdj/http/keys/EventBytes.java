package io.etcdj.http.keys;

import io.etcdj.kvstore.Event;
import io.etcdj.kvstore.EventJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The client-facing JSON of the most recent watched event, shared by every watcher it reaches:
 * 10,000 watchers of one event cost one prefix trim, one encoding and one buffer. Each watcher
 * writes its own duplicate (own indexes, same memory); the buffer is unreleasable, so the
 * watchers' writes never contend on a reference count.
 *
 * <p>Called from every event loop (their watchers' passes, through {@link LoopWatchers}, which
 * keeps its own last encoding too, and write responses). The last entry is an immutable pair
 * behind a volatile field: a race at worst encodes the same event twice.
 */
final class EventBytes {
  private record Entry(Event source, EventJson bytes, ByteBuf json) {}

  private volatile Entry last;

  /** A duplicate of the shared, trimmed JSON of {@code event}; write it, no release needed. */
  ByteBuf jsonOf(Event event) {
    return entry(event).json.duplicate();
  }

  /**
   * The trimmed JSON bytes of {@code event} (do not modify), shared with its watchers when they
   * encoded it first. Does not replace the cached entry: write responses on many event loops
   * must not evict the event the apply thread is handing to thousands of watchers.
   */
  EventJson bytesOf(Event event) {
    Entry e = last;
    if (e != null && e.source == event) {
      return e.bytes;
    }
    return event.json(KeyRequestParser.KEYS_PREFIX);
  }

  private Entry entry(Event event) {
    Entry e = last;
    if (e == null || e.source != event) {
      EventJson json = event.json(KeyRequestParser.KEYS_PREFIX);
      e = new Entry(event, json,
          Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(json.array(), json.offset(), json.length())));
      last = e;
    }
    return e;
  }
}
