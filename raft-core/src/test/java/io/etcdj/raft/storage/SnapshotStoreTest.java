package io.etcdj.raft.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.raft.ConfState;
import io.etcdj.raft.Snapshot;
import io.etcdj.raft.SnapshotMetadata;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {
  @TempDir Path dir;

  private static Snapshot snap(long term, long index) {
    return new Snapshot(new SnapshotMetadata(index, term, new ConfState(List.of(1L, 2L, 3L))),
        ("data@" + index).getBytes());
  }

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void emptyDirectoryHasNoSnapshot() {
    assertThat(SnapshotStore.open(dir).loadNewest()).isEmpty();
  }

  @Test
  void savedSnapshotRoundTripsUnderItsTermAndIndexName() throws IOException {
    SnapshotStore store = SnapshotStore.open(dir);
    store.save(snap(2, 100));
    assertThat(files()).containsExactly("0000000000000002-0000000000000064.snap");
    Snapshot loaded = store.loadNewest().orElseThrow();
    assertThat(loaded.metadata()).isEqualTo(snap(2, 100).metadata());
    assertThat(loaded.data()).isEqualTo("data@100".getBytes());
  }

  @Test
  void loadsASnapshotByTermAndIndex() {
    SnapshotStore store = SnapshotStore.open(dir);
    store.save(snap(1, 10));
    store.save(snap(2, 20));
    assertThat(store.load(1, 10).orElseThrow().data()).isEqualTo("data@10".getBytes());
    assertThat(store.load(1, 20)).isEmpty();
  }

  @Test
  void keepsOnlyTheNewestFive() throws IOException {
    SnapshotStore store = SnapshotStore.open(dir);
    for (int i = 1; i <= 8; i++) {
      store.save(snap(1, i * 10));
    }
    assertThat(files()).hasSize(SnapshotStore.RETAINED);
    assertThat(store.loadNewest().orElseThrow().metadata().index()).isEqualTo(80);
  }

  @Test
  void aTruncatedNewestFileIsSkippedForTheOlderIntactOne() throws IOException {
    SnapshotStore store = SnapshotStore.open(dir);
    store.save(snap(1, 10));
    store.save(snap(1, 20));
    Path newest = dir.resolve("0000000000000001-0000000000000014.snap");
    try (FileChannel ch = FileChannel.open(newest, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 3); // a torn write
    }
    assertThat(SnapshotStore.open(dir).loadNewest().orElseThrow().metadata().index()).isEqualTo(10);
  }

  @Test
  void aCorruptedByteIsDetectedByTheChecksum() throws IOException {
    SnapshotStore store = SnapshotStore.open(dir);
    store.save(snap(1, 10));
    store.save(snap(1, 20));
    Path newest = dir.resolve("0000000000000001-0000000000000014.snap");
    byte[] bytes = Files.readAllBytes(newest);
    bytes[bytes.length - 6] ^= 0x5a;
    Files.write(newest, bytes);
    assertThat(store.loadNewest().orElseThrow().metadata().index()).isEqualTo(10);
  }

  @Test
  void leftoverTempFilesFromACrashAreRemovedOnOpen() throws IOException {
    Files.write(dir.resolve("0000000000000001-0000000000000030.snap.tmp"), new byte[] {1, 2, 3});
    SnapshotStore store = SnapshotStore.open(dir);
    assertThat(files()).isEmpty();
    assertThat(store.loadNewest()).isEmpty();
  }
}
