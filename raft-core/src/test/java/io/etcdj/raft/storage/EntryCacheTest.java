package io.etcdj.raft.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.raft.Entry;
import io.etcdj.raft.EntryType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class EntryCacheTest {
  private static List<Entry> entries(long from, long to, long term, int size) {
    List<Entry> out = new ArrayList<>();
    LongStream.rangeClosed(from, to).forEach(i -> out.add(new Entry(term, i, EntryType.NORMAL, new byte[size])));
    return out;
  }

  @Test
  void keepsTheNewestEntriesAcrossManyWrapsOfTheRing() {
    EntryCache cache = new EntryCache(4, Long.MAX_VALUE, 1);
    for (long i = 1; i <= 21; i += 3) {
      cache.append(entries(i, i + 2, 1, 8));
    }
    assertThat(cache.firstIndex()).isEqualTo(18);
    assertThat(cache.get(17)).isNull();
    assertThat(cache.get(18).index()).isEqualTo(18);
    assertThat(cache.get(21).index()).isEqualTo(21);
    assertThat(cache.get(22)).isNull();
  }

  @Test
  void aConflictingAppendReplacesTheSuffixFromItsFirstIndex() {
    EntryCache cache = new EntryCache(8, Long.MAX_VALUE, 1);
    cache.append(entries(1, 6, 1, 8));
    cache.append(entries(4, 4, 2, 8));
    assertThat(cache.get(3).term()).isEqualTo(1);
    assertThat(cache.get(4).term()).isEqualTo(2);
    assertThat(cache.get(5)).isNull();
  }

  @Test
  void theByteLimitDropsOldestButKeepsTheLastEntry() {
    EntryCache cache = new EntryCache(100, 20, 1);
    cache.append(entries(1, 5, 1, 8));
    assertThat(cache.firstIndex()).isEqualTo(4);
    cache.append(entries(6, 6, 1, 64));
    assertThat(cache.firstIndex()).isEqualTo(6);
    assertThat(cache.get(6)).isNotNull();
  }

  @Test
  void aGapRestartsTheCacheAndCompactionDropsBelowTheIndex() {
    EntryCache cache = new EntryCache(8, Long.MAX_VALUE, 1);
    cache.append(entries(1, 3, 1, 8));
    cache.append(entries(10, 12, 1, 8));
    assertThat(cache.get(3)).isNull();
    assertThat(cache.firstIndex()).isEqualTo(10);
    cache.dropBefore(12);
    assertThat(cache.get(11)).isNull();
    assertThat(cache.get(12)).isNotNull();
    cache.dropBefore(20);
    assertThat(cache.isEmpty()).isTrue();
    assertThat(cache.firstIndex()).isEqualTo(20);
  }
}
