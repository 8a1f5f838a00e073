package io.etcdj.bench;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;

/**
 * What each watcher saw, to tell at the end which expected events it missed. Watcher {@code w}'s
 * slots are written only by the event loop that owns watcher w's channel; the main thread reads
 * them after every channel is closed (channel close joins give the happens-before), except
 * {@link #nextIndex}, which the main thread polls while the run goes on (hence atomic).
 */
final class WatchAccounting {
  private final long startIndex;
  private final BitSet[] seen;
  private final long[] cleared;
  private final long[] otherErrors;
  private final AtomicLongArray nextIndex;

  WatchAccounting(int watchers, long startIndex) {
    this.startIndex = startIndex;
    this.seen = new BitSet[watchers];
    this.cleared = new long[watchers];
    this.otherErrors = new long[watchers];
    this.nextIndex = new AtomicLongArray(watchers);
    for (int w = 0; w < watchers; w++) {
      seen[w] = new BitSet();
      nextIndex.set(w, startIndex);
    }
  }

  int watchers() { return seen.length; }

  long startIndex() { return startIndex; }

  /** Watcher {@code w} got the event at {@code index}; it re-arms at index + 1. */
  void event(int w, long index) {
    if (index >= startIndex && index - startIndex < Integer.MAX_VALUE) {
      seen[w].set((int) (index - startIndex));
    }
    nextIndex.set(w, Math.max(nextIndex.get(w), index + 1));
  }

  /** Watcher {@code w} got 401 (its index fell out of the history); it re-arms at {@code currentIndex} + 1. */
  void cleared(int w, long currentIndex) {
    cleared[w]++;
    nextIndex.set(w, Math.max(nextIndex.get(w), currentIndex + 1));
  }

  void otherError(int w) { otherErrors[w]++; }

  long nextIndex(int w) { return nextIndex.get(w); }

  /** Whether every watcher has moved past {@code index}. */
  boolean allPast(long index) {
    for (int w = 0; w < seen.length; w++) {
      if (nextIndex.get(w) <= index) return false;
    }
    return true;
  }

  /** Counts, for each watcher, which of the {@code expected} indexes (the writer's PUTs) it saw. */
  WatchReport report(long[] expected, long puts, long putErrors, Histogram latencyUs) {
    long received = 0;
    long clearedTotal = 0;
    long otherTotal = 0;
    for (int w = 0; w < seen.length; w++) {
      for (long index : expected) {
        long offset = index - startIndex;
        if (offset >= 0 && offset < Integer.MAX_VALUE && seen[w].get((int) offset)) received++;
      }
      clearedTotal += cleared[w];
      otherTotal += otherErrors[w];
    }
    long expectedTotal = (long) seen.length * expected.length;
    return new WatchReport(seen.length, puts, putErrors, expectedTotal, received,
        expectedTotal - received, clearedTotal, otherTotal, latencyUs);
  }
}
