package io.etcdj.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole log as the protocol sees it: the persisted part through {@link LogStorage} and the
 * not-yet-persisted tail in {@link UnstableLog} (etcd's raftLog). Invariant:
 * applied <= committed <= lastIndex. Owned by the Raft thread.
 */
final class RaftLog {
  /** Thrown when an index below the first available one is asked for. */
  static final class CompactedException extends RuntimeException {
    CompactedException(long index) { super("index " + index + " compacted", null, false, false); }
  }

  final LogStorage storage;
  final UnstableLog unstable;
  /** Highest index known to be stored on a quorum. */
  long committed;
  /** Highest index handed to the application for applying. */
  long applied;
  private final long maxNextEntsBytes;

  RaftLog(LogStorage storage, long maxNextEntsBytes) {
    this.storage = storage;
    this.maxNextEntsBytes = maxNextEntsBytes;
    long first = storage.firstIndex();
    long last = storage.lastIndex();
    this.unstable = new UnstableLog(last + 1);
    this.committed = first - 1;
    this.applied = first - 1;
  }

  /**
   * Appends {@code ents} after (index, logTerm) if that entry matches ours; returns the last
   * index of the new entries, or -1 on mismatch.
   */
  long maybeAppend(long index, long logTerm, long committedByLeader, List<Entry> ents) {
    if (!matchTerm(index, logTerm)) {
      return -1;
    }
    long lastNew = index + ents.size();
    long ci = findConflict(ents);
    if (ci != 0) {
      if (ci <= committed) {
        throw new IllegalStateException("entry " + ci + " conflicts with committed entry " + committed);
      }
      append(ents.subList((int) (ci - (index + 1)), ents.size()));
    }
    commitTo(Math.min(committedByLeader, lastNew));
    return lastNew;
  }

  long append(List<Entry> ents) {
    if (ents.isEmpty()) {
      return lastIndex();
    }
    long after = ents.get(0).index() - 1;
    if (after < committed) {
      throw new IllegalStateException("append after " + after + " is below committed " + committed);
    }
    unstable.truncateAndAppend(ents);
    return lastIndex();
  }

  /** First index in {@code ents} whose term differs from ours or that is new; 0 if none. */
  long findConflict(List<Entry> ents) {
    for (Entry e : ents) {
      if (!matchTerm(e.index(), e.term())) {
        return e.index();
      }
    }
    return 0;
  }

  /**
   * The highest index at or below {@code index} whose term is at most {@code term} (etcd's
   * findConflictByTerm): where this log may still match one whose entry at {@code index} has
   * {@code term}, since every entry of a later term above it must differ. A compacted index is
   * returned as is (its term is unknown, so it may match). {@code index} must not exceed
   * lastIndex.
   */
  long findConflictByTerm(long index, long term) {
    for (long i = index; i > 0; i--) {
      long ours = term(i);
      if (ours < 0 || ours <= term) {
        return i;
      }
    }
    return 0;
  }

  /** The not-yet-persisted entries (a copy, safe to hand to another thread). */
  List<Entry> unstableEntries() {
    return unstable.entries.isEmpty() ? List.of() : List.copyOf(unstable.entries);
  }

  boolean hasNextEnts() {
    long off = Math.max(applied + 1, firstIndex());
    return committed + 1 > off;
  }

  /** Committed entries not yet handed out for applying (bounded by maxNextEntsBytes). */
  List<Entry> nextEnts() {
    long off = Math.max(applied + 1, firstIndex());
    if (committed + 1 > off) {
      return slice(off, committed + 1, maxNextEntsBytes);
    }
    return List.of();
  }

  Snapshot snapshot() {
    return unstable.snapshot != null ? unstable.snapshot : storage.snapshot();
  }

  long firstIndex() {
    long i = unstable.maybeFirstIndex();
    return i != 0 ? i : storage.firstIndex();
  }

  long lastIndex() {
    long i = unstable.maybeLastIndex();
    return i != 0 ? i : storage.lastIndex();
  }

  void commitTo(long toCommit) {
    if (committed < toCommit) {
      if (lastIndex() < toCommit) {
        throw new IllegalStateException("commit " + toCommit + " beyond last index " + lastIndex());
      }
      committed = toCommit;
    }
  }

  void appliedTo(long i) {
    if (i == 0) {
      return;
    }
    if (committed < i || i < applied) {
      throw new IllegalStateException("applied " + i + " outside [" + applied + "," + committed + "]");
    }
    applied = i;
  }

  void stableTo(long i, long t) { unstable.stableTo(i, t); }

  void stableSnapTo(long i) { unstable.stableSnapTo(i); }

  long lastTerm() {
    long t = term(lastIndex());
    return t < 0 ? 0 : t;
  }

  /** Term of entry {@code i}: -1 if compacted, 0 if beyond the log. */
  long term(long i) {
    long dummy = firstIndex() - 1;
    if (i < dummy) {
      return -1;
    }
    if (i > lastIndex()) {
      return 0;
    }
    long t = unstable.maybeTerm(i);
    if (t >= 0) {
      return t;
    }
    if (i < storage.firstIndex() - 1) {
      return -1;
    }
    return storage.term(i);
  }

  /** As {@link #term} but a compacted index reads as 0, which matches nothing. */
  long zeroTermOnCompacted(long i) { return Math.max(0, term(i)); }

  boolean matchTerm(long i, long t) {
    long ours = term(i);
    return ours >= 0 && ours == t;
  }

  /** Entries from {@code i} on, at most {@code maxBytes} beyond the first. */
  List<Entry> entries(long i, long maxBytes) {
    if (i > lastIndex()) {
      return List.of();
    }
    return slice(i, lastIndex() + 1, maxBytes);
  }

  /** Whether a candidate's log ending at (lastIndex, lastTerm) is at least as up to date as ours. */
  boolean isUpToDate(long lasti, long t) {
    long ourTerm = lastTerm();
    return t > ourTerm || (t == ourTerm && lasti >= lastIndex());
  }

  boolean maybeCommit(long maxIndex, long t) {
    if (maxIndex > committed && zeroTermOnCompacted(maxIndex) == t) {
      commitTo(maxIndex);
      return true;
    }
    return false;
  }

  void restore(Snapshot s) {
    committed = s.metadata().index();
    unstable.restore(s);
  }

  /** Entries in [lo, hi) limited to maxBytes; throws CompactedException below firstIndex. */
  List<Entry> slice(long lo, long hi, long maxBytes) {
    if (lo > hi) {
      throw new IllegalStateException("invalid slice " + lo + " > " + hi);
    }
    if (lo < firstIndex()) {
      throw new CompactedException(lo);
    }
    if (hi > lastIndex() + 1) {
      throw new IllegalStateException("slice [" + lo + "," + hi + ") beyond last " + lastIndex());
    }
    if (lo == hi) {
      return List.of();
    }
    List<Entry> result = new ArrayList<>();
    long budget = maxBytes;
    if (lo < unstable.offset) {
      long storedHi = Math.min(hi, unstable.offset);
      if (lo < storage.firstIndex()) {
        throw new CompactedException(lo);
      }
      List<Entry> stored = storage.entries(lo, storedHi, maxBytes);
      for (Entry e : stored) {
        if (!result.isEmpty() && budget < EntrySize.of(e)) {
          return result;
        }
        budget -= EntrySize.of(e);
        result.add(e);
      }
      if (stored.size() < storedHi - lo) {
        return result; // storage stopped at its size limit
      }
    }
    if (hi > unstable.offset) {
      for (Entry e : unstable.slice(Math.max(lo, unstable.offset), hi)) {
        if (!result.isEmpty() && budget < EntrySize.of(e)) {
          return result;
        }
        budget -= EntrySize.of(e);
        result.add(e);
      }
    }
    return result;
  }
}
