package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rates of /v2/stats/self, computed as etcd's statsQueue computes them. */
class RateQueueTest {
  private static final long MS = 1_000_000L;

  @Test
  void ratesAreTheAppendsAndBytesOverTheTimeFromOldestToNewest() {
    RateQueue q = new RateQueue();
    q.insert(0, 100);
    q.insert(100 * MS, 100);
    q.insert(200 * MS, 100);

    double[] rate = q.rate(300 * MS);
    assertThat(rate[0]).isCloseTo(15.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(rate[1]).isCloseTo(1500.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void ratesAreZeroAndTheQueueEmptiesOnceTheNewestAppendIsOverASecondOld() {
    RateQueue q = new RateQueue();
    q.insert(0, 100);
    q.insert(100 * MS, 100);

    assertThat(q.rate(1101 * MS)).containsExactly(0.0, 0.0);
    q.insert(2000 * MS, 10);
    q.insert(2500 * MS, 10);
    assertThat(q.rate(2500 * MS)[0]).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void oneAppendAloneGivesInfiniteRatesAsInEtcd() {
    RateQueue q = new RateQueue();
    q.insert(5 * MS, 100);

    assertThat(q.rate(6 * MS)).containsOnly(Double.POSITIVE_INFINITY);
  }

  @Test
  void onlyTheLastTwoHundredAppendsCount() {
    RateQueue q = new RateQueue();
    for (int i = 0; i < 300; i++) {
      q.insert(i * MS, i < 100 ? 1_000 : 1);
    }

    // 200 appends of 1 byte, from 100 ms to 299 ms
    assertThat(q.rate(299 * MS)[1]).isEqualTo(200 / 0.199, org.assertj.core.data.Offset.offset(1e-6));
  }
}
