package io.etcdj.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnstableLogTest {
  private static final byte[] NO_DATA = new byte[0];

  private static Entry e(long term, long index) { return new Entry(term, index, EntryType.NORMAL, NO_DATA); }

  @Test
  void stableToDropsPersistedPrefixOnlyIfTheTermStillMatches() {
    UnstableLog u = new UnstableLog(5);
    u.truncateAndAppend(List.of(e(1, 5), e(1, 6), e(1, 7)));
    u.stableTo(6, 2); // was replaced meanwhile: nothing happens
    assertThat(u.offset).isEqualTo(5);
    u.stableTo(6, 1);
    assertThat(u.offset).isEqualTo(7);
    assertThat(u.entries).containsExactly(e(1, 7));
  }

  @Test
  void truncateAndAppendReplacesTheConflictingSuffix() {
    UnstableLog u = new UnstableLog(5);
    u.truncateAndAppend(List.of(e(1, 5), e(1, 6), e(1, 7)));
    u.truncateAndAppend(List.of(e(2, 6)));
    assertThat(u.entries).containsExactly(e(1, 5), e(2, 6));
    u.truncateAndAppend(List.of(e(3, 4)));
    assertThat(u.offset).isEqualTo(4);
    assertThat(u.entries).containsExactly(e(3, 4));
  }

  @Test
  void pendingSnapshotAnswersForItsIndex() {
    UnstableLog u = new UnstableLog(1);
    Snapshot s = new Snapshot(new SnapshotMetadata(9, 4, new ConfState(List.of(1L))), new byte[] {1});
    u.restore(s);
    assertThat(u.maybeFirstIndex()).isEqualTo(10);
    assertThat(u.maybeLastIndex()).isEqualTo(9);
    assertThat(u.maybeTerm(9)).isEqualTo(4);
    assertThat(u.maybeTerm(8)).isEqualTo(-1);
    u.stableSnapTo(9);
    assertThat(u.snapshot).isNull();
  }
}
