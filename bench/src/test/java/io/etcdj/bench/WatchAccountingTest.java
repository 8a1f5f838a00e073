package io.etcdj.bench;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class WatchAccountingTest {
  private static final Histogram NONE = new Histogram(3);

  @Test void aWatcherThatSawEveryPutMissedNothing() {
    WatchAccounting acc = new WatchAccounting(2, 10);
    long[] puts = {10, 11, 12};
    for (int w = 0; w < 2; w++) for (long i : puts) acc.event(w, i);

    WatchReport r = acc.report(puts, 3, 0, NONE);

    assertThat(r.expected()).isEqualTo(6);
    assertThat(r.received()).isEqualTo(6);
    assertThat(r.missed()).isZero();
  }

  @Test void indexesSkippedAfterA401CountAsMissed() {
    WatchAccounting acc = new WatchAccounting(1, 10);
    acc.event(0, 10);
    acc.cleared(0, 12); // history cleared; re-armed at 13: 11 and 12 are lost
    acc.event(0, 13);

    WatchReport r = acc.report(new long[] {10, 11, 12, 13}, 4, 0, NONE);

    assertThat(r.received()).isEqualTo(2);
    assertThat(r.missed()).isEqualTo(2);
    assertThat(r.cleared()).isEqualTo(1);
    assertThat(acc.nextIndex(0)).isEqualTo(14);
  }

  @Test void eventsNotFromTheWriterAreNotCountedAsReceived() {
    WatchAccounting acc = new WatchAccounting(1, 10);
    acc.event(0, 10); // someone else's write
    acc.event(0, 11);

    WatchReport r = acc.report(new long[] {11}, 1, 0, NONE);

    assertThat(r.expected()).isEqualTo(1);
    assertThat(r.received()).isEqualTo(1);
    assertThat(r.missed()).isZero();
  }

  @Test void allPastWaitsForTheSlowestWatcher() {
    WatchAccounting acc = new WatchAccounting(2, 5);
    acc.event(0, 7);
    assertThat(acc.allPast(7)).isFalse();
    acc.event(1, 7);
    assertThat(acc.allPast(7)).isTrue();
  }

  @Test void aDuplicateEventIsCountedOnce() {
    WatchAccounting acc = new WatchAccounting(1, 1);
    acc.event(0, 3);
    acc.event(0, 3);
    assertThat(acc.report(new long[] {3}, 1, 0, NONE).received()).isEqualTo(1);
  }

  @Property(tries = 200)
  void receivedPlusMissedIsAlwaysExpected(@ForAll @IntRange(min = 1, max = 5) int watchers,
                                          @ForAll @IntRange(min = 0, max = 40) int puts,
                                          @ForAll long seed) {
    long start = 100;
    long[] expected = new long[puts];
    for (int i = 0; i < puts; i++) expected[i] = start + 2L * i; // every other index is ours
    WatchAccounting acc = new WatchAccounting(watchers, start);
    java.util.Random random = new java.util.Random(seed);
    for (int w = 0; w < watchers; w++) {
      for (long i = start; i < start + 2L * puts; i++) {
        if (random.nextInt(4) != 0) acc.event(w, i);
      }
    }
    WatchReport r = acc.report(expected, puts, 0, NONE);
    assertThat(r.received() + r.missed()).isEqualTo((long) watchers * puts);
    assertThat(r.received()).isBetween(0L, (long) watchers * puts);
  }
}
