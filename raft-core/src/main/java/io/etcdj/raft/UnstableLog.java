package io.etcdj.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * The tail of the log not yet persisted (etcd's unstable): entries from {@code offset} on, and
 * possibly an incoming snapshot. Invariant: if a snapshot is pending, offset == snapshot index + 1.
 * Owned by the Raft thread.
 */
final class UnstableLog {
  /** Incoming snapshot not yet persisted, or null. */
  Snapshot snapshot;
  /** Entries[i] has index offset + i. */
  final ArrayList<Entry> entries = new ArrayList<>();
  long offset;

  UnstableLog(long offset) { this.offset = offset; }

  /** First index known only through the pending snapshot, or 0. */
  long maybeFirstIndex() { return snapshot != null ? snapshot.metadata().index() + 1 : 0; }

  /** Last index held here, or 0 if unknown. */
  long maybeLastIndex() {
    if (!entries.isEmpty()) {
      return offset + entries.size() - 1;
    }
    return snapshot != null ? snapshot.metadata().index() : 0;
  }

  /** Term of {@code i} if held here, or -1. */
  long maybeTerm(long i) {
    if (i < offset) {
      if (snapshot != null && snapshot.metadata().index() == i) {
        return snapshot.metadata().term();
      }
      return -1;
    }
    long last = maybeLastIndex();
    if (last == 0 || i > last) {
      return -1;
    }
    return entries.get((int) (i - offset)).term();
  }

  /** Entries up to (index, term) are now durable. A mismatch means they were since replaced. */
  void stableTo(long index, long term) {
    long t = maybeTerm(index);
    if (t < 0 || t != term || index < offset) {
      return;
    }
    int n = (int) (index + 1 - offset);
    if (n == entries.size()) {
      entries.clear();
    } else {
      entries.subList(0, n).clear();
    }
    offset = index + 1;
  }

  void stableSnapTo(long index) {
    if (snapshot != null && snapshot.metadata().index() == index) {
      snapshot = null;
    }
  }

  void restore(Snapshot s) {
    offset = s.metadata().index() + 1;
    entries.clear();
    snapshot = s;
  }

  void truncateAndAppend(List<Entry> ents) {
    long after = ents.get(0).index();
    if (after == offset + entries.size()) {
      entries.addAll(ents);
    } else if (after <= offset) {
      // Replaces everything held here, possibly starting before the persisted tail.
      offset = after;
      entries.clear();
      entries.addAll(ents);
    } else {
      entries.subList((int) (after - offset), entries.size()).clear();
      entries.addAll(ents);
    }
  }

  /** A view of entries in [lo, hi); callers copy if they keep it. */
  List<Entry> slice(long lo, long hi) {
    if (lo > hi || lo < offset || hi > offset + entries.size()) {
      throw new IllegalStateException("unstable slice [" + lo + "," + hi + ") out of [" + offset
          + "," + (offset + entries.size()) + "]");
    }
    return entries.subList((int) (lo - offset), (int) (hi - offset));
  }
}
