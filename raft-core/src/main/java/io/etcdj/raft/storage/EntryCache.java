package io.etcdj.raft.storage;

import io.etcdj.raft.Entry;
import java.util.List;

/**
 * The most recent persisted entries, so the protocol's term()/entries() calls for the tail (the
 * hot path: replication, commit checks, handing committed entries to apply) never reach RocksDB.
 * A contiguous run ending at the storage's last index. Owned by the Raft thread.
 *
 * <p>A ring rather than a list trimmed at its front: dropping the oldest entry must not shift
 * (and dirty, for the garbage collector's card table) every reference after it on each append.
 */
final class EntryCache {
  private final Entry[] ring;
  private final long maxBytes;
  /** Slot of the entry at {@code first}. */
  private int head;
  private int size;
  /** Sum of the data sizes of the cached entries. */
  private long bytes;
  /** Index of the oldest cached entry; when empty, the index the next appended entry must have to be cached. */
  private long first;

  EntryCache(int maxEntries, long maxBytes, long nextIndex) {
    this.ring = new Entry[maxEntries];
    this.maxBytes = maxBytes;
    this.first = nextIndex;
  }

  /** The cached entry at {@code index}, or null. */
  Entry get(long index) {
    if (index < first || index >= first + size) {
      return null;
    }
    return ring[slot((int) (index - first))];
  }

  long firstIndex() { return first; }

  boolean isEmpty() { return size == 0; }

  /** Appends entries that follow (or overwrite a suffix of) the cached run. */
  void append(List<Entry> ents) {
    if (ents.isEmpty()) {
      return;
    }
    long from = ents.get(0).index();
    if (from < first || from > first + size) {
      // Not contiguous with what we hold: restart the cache from these entries.
      reset(from);
    } else {
      truncateTo((int) (from - first));
    }
    for (Entry e : ents) {
      if (size == ring.length) {
        dropOldest();
      }
      ring[slot(size++)] = e;
      bytes += e.data().length;
    }
    while (bytes > maxBytes && size > 1) {
      dropOldest();
    }
  }

  /** Forgets entries below {@code index} (after compaction). */
  void dropBefore(long index) {
    while (size > 0 && first < index) {
      dropOldest();
    }
    if (first < index) {
      first = index;
    }
  }

  void reset(long nextIndex) {
    truncateTo(0);
    head = 0;
    first = nextIndex;
  }

  private void truncateTo(int keep) {
    while (size > keep) {
      int s = slot(--size);
      bytes -= ring[s].data().length;
      ring[s] = null;
    }
  }

  private void dropOldest() {
    bytes -= ring[head].data().length;
    ring[head] = null;
    head = head + 1 == ring.length ? 0 : head + 1;
    size--;
    first++;
  }

  private int slot(int offset) {
    int s = head + offset;
    return s >= ring.length ? s - ring.length : s;
  }
}
