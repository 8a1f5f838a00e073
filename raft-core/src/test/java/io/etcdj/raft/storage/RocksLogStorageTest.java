package io.etcdj.raft.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.raft.ConfState;
import io.etcdj.raft.Entry;
import io.etcdj.raft.EntryType;
import io.etcdj.raft.HardState;
import io.etcdj.raft.Peer;
import io.etcdj.raft.RaftConfig;
import io.etcdj.raft.RaftNode;
import io.etcdj.raft.Ready;
import io.etcdj.raft.Snapshot;
import io.etcdj.raft.SnapshotMetadata;
import io.etcdj.raft.StateRole;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksLogStorageTest {
  @TempDir Path dir;

  private static List<Entry> entries(long from, long to, long term) {
    List<Entry> out = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      out.add(new Entry(term, i, i % 2 == 0 ? EntryType.NORMAL : EntryType.CONF_CHANGE,
          ("v" + i + "@" + term).getBytes()));
    }
    return out;
  }

  private static void assertSameEntries(List<Entry> actual, List<Entry> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.size(); i++) {
      Entry a = actual.get(i);
      Entry e = expected.get(i);
      assertThat(a.index()).isEqualTo(e.index());
      assertThat(a.term()).isEqualTo(e.term());
      assertThat(a.type()).isEqualTo(e.type());
      assertThat(a.data()).isEqualTo(e.data());
    }
  }

  @Test
  void freshStorageIsEmpty() {
    try (RocksLogStorage s = RocksLogStorage.open(dir)) {
      assertThat(s.firstIndex()).isEqualTo(1);
      assertThat(s.lastIndex()).isZero();
      assertThat(s.term(0)).isZero();
      assertThat(s.initialState().hardState()).isEqualTo(HardState.EMPTY);
      assertThat(s.snapshot().isEmpty()).isTrue();
    }
  }

  @Test
  void savedEntriesAndHardStateRoundTrip() {
    try (RocksLogStorage s = RocksLogStorage.open(dir)) {
      s.save(new HardState(3, 2, 5), entries(1, 10, 3), Snapshot.EMPTY, true);
      assertThat(s.lastIndex()).isEqualTo(10);
      assertSameEntries(s.entries(1, 11, Long.MAX_VALUE), entries(1, 10, 3));
      assertThat(s.term(7)).isEqualTo(3);
      assertThat(s.initialState().hardState()).isEqualTo(new HardState(3, 2, 5));
    }
  }

  @Test
  void reopenAfterCloseResumesEverything() {
    try (RocksLogStorage s = RocksLogStorage.open(dir)) {
      s.save(new HardState(4, 1, 8), entries(1, 20, 4), Snapshot.EMPTY, true);
      s.saveConfState(new ConfState(List.of(1L, 2L, 3L)));
    }
    try (RocksLogStorage s = RocksLogStorage.open(dir)) {
      assertThat(s.lastIndex()).isEqualTo(20);
      assertThat(s.firstIndex()).isEqualTo(1);
      assertThat(s.initialState().hardState()).isEqualTo(new HardState(4, 1, 8));
      assertThat(s.initialState().confState().voters()).containsExactly(1L, 2L, 3L);
      // Served from RocksDB, not the cache, after a restart.
      assertSameEntries(s.entries(3, 21, Long.MAX_VALUE), entries(3, 20, 4));
      assertThat(s.term(20)).isEqualTo(4);
    }
  }

  @Test
  void conflictingSuffixIsReplacedAndDoesNotSurviveReopen() {
    try (RocksLogStorage s = RocksLogStorage.open(dir)) {
      s.save(new HardState(1, 1, 2), entries(1, 10, 1), Snapshot.EMPTY, true);
      s.save(new HardState(2, 0, 2), entries(4, 6, 2), Snapshot.EMPTY, true);
      assertThat(s.lastIndex()).isEqualTo(6);
      assertThat(s.term(3)).isEqualTo(1);
      assertThat(s.term(4)).isEqualTo(2);
    }
    try (RocksLogStorage s = RocksLogStorage.open(dir)) {
      assertThat(s.lastIndex()).isEqualTo(6);
      List<Entry> expected = new ArrayList<>(entries(1, 3, 1));
      expected.addAll(entries(4, 6, 2));
      assertSameEntries(s.entries(1, 7, Long.MAX_VALUE), expected);
    }
  }

  @Test
  void entriesSpanningDiskAndCacheAreContiguous() {
    try (RocksLogStorage s = RocksLogStorage.open(dir)) {
      s.save(HardState.EMPTY, entries(1, 5, 1), Snapshot.EMPTY, true);
    }
    try (RocksLogStorage s = RocksLogStorage.open(dir)) {
      s.save(HardState.EMPTY, entries(6, 9, 2), Snapshot.EMPTY, true); // cached; 1..5 on disk only
      List<Entry> expected = new ArrayList<>(entries(1, 5, 1));
      expected.addAll(entries(6, 9, 2));
      assertSameEntries(s.entries(1, 10, Long.MAX_VALUE), expected);
      assertThat(s.term(5)).isEqualTo(1);
      assertThat(s.term(6)).isEqualTo(2);
    }
  }

  @Test
  void unsyncedWritesAreReadableAndSurviveACleanClose() {
    try (RocksLogStorage s = RocksLogStorage.open(dir)) {
      s.save(new HardState(1, 0, 3), entries(1, 3, 1), Snapshot.EMPTY, false);
    }
    try (RocksLogStorage s = RocksLogStorage.open(dir)) {
      assertThat(s.lastIndex()).isEqualTo(3);
      assertThat(s.initialState().hardState().commit()).isEqualTo(3);
    }
  }

  @Test
  void entriesRespectTheByteLimitButReturnAtLeastOne() {
    try (RocksLogStorage s = RocksLogStorage.open(dir)) {
      s.save(HardState.EMPTY, entries(1, 10, 1), Snapshot.EMPTY, false);
      assertThat(s.entries(1, 11, 0)).hasSize(1);
      assertThat(s.entries(1, 11, 45)).hasSize(2);
    }
  }

  @Test
  void compactionDropsEntriesUpToTheSnapshotAndSurvivesReopen() {
    SnapshotStore snaps = SnapshotStore.open(dir.resolve("snap"));
    Snapshot snap = new Snapshot(new SnapshotMetadata(6, 2, new ConfState(List.of(1L))), "state".getBytes());
    try (RocksLogStorage s = RocksLogStorage.open(dir.resolve("wal"), snaps)) {
      s.save(new HardState(2, 1, 10), entries(1, 10, 2), Snapshot.EMPTY, true);
      snaps.save(snap);
      s.compact(snap);
      assertThat(s.firstIndex()).isEqualTo(7);
      assertThat(s.term(6)).isEqualTo(2);
      // read back from the snapshot store, not kept in the heap since the compaction
      assertThat(s.snapshot()).isNotSameAs(snap);
      assertThat(s.snapshot().metadata()).isEqualTo(snap.metadata());
      assertThat(s.snapshot().data()).isEqualTo("state".getBytes());
      assertThatThrownBy(() -> s.entries(5, 8, Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
      assertSameEntries(s.entries(7, 11, Long.MAX_VALUE), entries(7, 10, 2));
    }
    try (RocksLogStorage s = RocksLogStorage.open(dir.resolve("wal"), snaps)) {
      assertThat(s.firstIndex()).isEqualTo(7);
      assertThat(s.lastIndex()).isEqualTo(10);
      assertThat(s.term(6)).isEqualTo(2);
      assertThat(s.snapshot().metadata()).isEqualTo(snap.metadata());
      assertThat(s.snapshot().data()).isEqualTo("state".getBytes());
    }
  }

  @Test
  void savingASnapshotResetsTheLog() {
    Snapshot snap = new Snapshot(new SnapshotMetadata(50, 3, new ConfState(List.of(1L, 2L))), "s".getBytes());
    try (RocksLogStorage s = RocksLogStorage.open(dir)) {
      s.save(new HardState(1, 0, 5), entries(1, 5, 1), Snapshot.EMPTY, true);
      s.save(new HardState(3, 0, 50), entries(51, 52, 3), snap, true);
      assertThat(s.firstIndex()).isEqualTo(51);
      assertThat(s.lastIndex()).isEqualTo(52);
      assertThat(s.initialState().confState().voters()).containsExactly(1L, 2L);
    }
    try (RocksLogStorage s = RocksLogStorage.open(dir)) {
      assertThat(s.firstIndex()).isEqualTo(51);
      assertThat(s.lastIndex()).isEqualTo(52);
      assertThat(s.term(50)).isEqualTo(3);
      assertSameEntries(s.entries(51, 53, Long.MAX_VALUE), entries(51, 52, 3));
    }
  }

  @Test
  void appendingWithAGapIsRefused() {
    try (RocksLogStorage s = RocksLogStorage.open(dir)) {
      s.save(HardState.EMPTY, entries(1, 3, 1), Snapshot.EMPTY, false);
      assertThatThrownBy(() -> s.save(HardState.EMPTY, entries(5, 6, 1), Snapshot.EMPTY, false))
          .isInstanceOf(IllegalStateException.class);
      assertThat(s.lastIndex()).isEqualTo(3);
    }
  }

  @Test
  void aSingleVoterRestartedOverRocksDbResumesItsLog() throws Exception {
    RaftConfig config = new RaftConfig(1, 10, 1, 1 << 20, 256, false, false, 0, 1);
    long commit;
    try (RocksLogStorage s = RocksLogStorage.open(dir)) {
      RaftNode n = RaftNode.create(config, s, List.of(new Peer(1, new byte[0])));
      drive(n, s);
      n.campaign();
      for (int i = 0; i < 100; i++) {
        n.propose(("p" + i).getBytes());
      }
      drive(n, s);
      commit = n.status().commit();
      assertThat(commit).isEqualTo(102);
    }
    try (RocksLogStorage s = RocksLogStorage.open(dir)) {
      RaftConfig restart = new RaftConfig(1, 10, 1, 1 << 20, 256, false, false, commit, 2);
      RaftNode n = RaftNode.create(restart, s, List.of());
      assertThat(n.status().commit()).isEqualTo(commit);
      assertThat(n.status().term()).isEqualTo(2);
      assertThat(n.hasReady()).isFalse();
      n.campaign();
      assertThat(n.status().role()).isEqualTo(StateRole.LEADER);
      drive(n, s);
      assertThat(s.lastIndex()).isEqualTo(commit + 1);
    }
  }

  private static void drive(RaftNode n, RocksLogStorage s) {
    while (n.hasReady()) {
      Ready rd = n.ready();
      s.save(rd.hardState(), rd.entries(), rd.snapshot(), rd.mustSync());
      for (Entry e : rd.committedEntries()) {
        if (e.type() == EntryType.CONF_CHANGE) {
          s.saveConfState(n.applyConfChange(io.etcdj.raft.ConfChange.decode(e.data())));
        }
      }
      n.advance(rd);
    }
  }
}
