package io.etcdj.kvstore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventHistoryTest {
  private static Event set(long index, String value) {
    return new Event("set", new NodeView("/k", false, value, index, index, null, 0, null), null, index);
  }

  /** What the history counts for one event of {@code value}. */
  private static int cost(String value) {
    return set(1, value).json().length() + HistoryLimits.EVENT_OVERHEAD_BYTES;
  }

  @Test
  void aFullRingDropsTheOldestEvent() {
    EventHistory h = new EventHistory(3, "");
    for (long i = 1; i <= 5; i++) {
      h.add(set(i, "v"));
    }
    assertThat(h.size()).isEqualTo(3);
    assertThat(h.scan("/k", false, 2).error().cause()).isEqualTo("the requested history has been cleared [3/2]");
    assertThat(h.scan("/k", false, 3).event().index()).isEqualTo(3);
  }

  @Test
  void theByteLimitDropsOldestEventsBeforeTheRingIsFull() {
    String big = "x".repeat(1000);
    EventHistory h = new EventHistory(new HistoryLimits(100, 3L * cost(big) + 8), ""); // + 8: index 10 has more digits
    for (long i = 1; i <= 10; i++) {
      h.add(set(i, big));
    }
    assertThat(h.size()).isEqualTo(3);
    assertThat(h.scan("/k", false, 7).error()).isNotNull();
    assertThat(h.scan("/k", false, 8).event().json().utf8()).contains(big);
  }

  @Test
  void anEventLargerThanTheLimitIsStillKeptAlone() {
    EventHistory h = new EventHistory(new HistoryLimits(100, 10), "");
    h.add(set(1, "small"));
    h.add(set(2, "y".repeat(100)));
    assertThat(h.size()).isEqualTo(1);
    assertThat(h.scan("/k", false, 2).event().index()).isEqualTo(2);
  }

  @Test
  void eachEventCostsItsOverheadBesidesItsJsonSoManySmallEventsAreBoundedToo() {
    int each = set(10, "v").json().length() + HistoryLimits.EVENT_OVERHEAD_BYTES; // indexes 10..59: same size
    EventHistory h = new EventHistory(new HistoryLimits(1000, 10L * each), "");
    for (long i = 10; i < 60; i++) {
      h.add(set(i, "v"));
    }
    assertThat(h.size()).isEqualTo(10);
    assertThat(h.scan("/k", false, 49).error()).isNotNull();
    assertThat(h.scan("/k", false, 50).event().index()).isEqualTo(50);
  }
}
