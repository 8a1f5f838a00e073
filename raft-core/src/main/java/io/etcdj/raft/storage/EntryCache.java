package io.etcdj.raft.storage;

import io.etcdj.raft.Entry;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recent persisted entries, so the protocol's term()/entries() calls for the tail (the
 * hot path: replication, commit checks) never reach RocksDB. A contiguous run ending at the
 * storage's last index. Owned by the Raft thread.
 */
final class EntryCache {
  private final int maxEntries;
  private final long maxBytes;
  private final ArrayList<Entry> entries = new ArrayList<>();
  /** Sum of the data sizes of the cached entries. */
  private long bytes;
  /** Index of entries[0]; when empty, the index the next appended entry must have to be cached. */
  private long first;

  EntryCache(int maxEntries, long maxBytes, long nextIndex) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.first = nextIndex;
  }

  /** The cached entry at {@code index}, or null. */
  Entry get(long index) {
    if (index < first || index >= first + entries.size()) {
      return null;
    }
    return entries.get((int) (index - first));
  }

  long firstIndex() { return first; }

  boolean isEmpty() { return entries.isEmpty(); }

  /** Appends entries that follow (or overwrite a suffix of) the cached run. */
  void append(List<Entry> ents) {
    if (ents.isEmpty()) {
      return;
    }
    long from = ents.get(0).index();
    if (from < first || from > first + entries.size()) {
      // Not contiguous with what we hold: restart the cache from these entries.
      reset(from);
    } else {
      removeFrom((int) (from - first));
    }
    for (Entry e : ents) {
      entries.add(e);
      bytes += e.data().length;
    }
    int excess = entries.size() - maxEntries;
    while (excess > 0 || (bytes > maxBytes && entries.size() > 1)) {
      excess = Math.max(excess, 1);
      removePrefix(excess);
      excess = entries.size() - maxEntries;
    }
  }

  private void removeFrom(int pos) {
    List<Entry> tail = entries.subList(pos, entries.size());
    for (Entry e : tail) {
      bytes -= e.data().length;
    }
    tail.clear();
  }

  private void removePrefix(int n) {
    List<Entry> head = entries.subList(0, n);
    for (Entry e : head) {
      bytes -= e.data().length;
    }
    head.clear();
    first += n;
  }

  /** Forgets entries below {@code index} (after compaction). */
  void dropBefore(long index) {
    if (index <= first) {
      return;
    }
    int n = (int) Math.min(entries.size(), index - first);
    removePrefix(n);
    first = index;
  }

  void reset(long nextIndex) {
    entries.clear();
    bytes = 0;
    first = nextIndex;
  }
}
