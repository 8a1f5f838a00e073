package io.etcdj.jmh;

import io.etcdj.raft.Entry;
import io.etcdj.raft.EntryType;
import io.etcdj.raft.HardState;
import io.etcdj.raft.Snapshot;
import io.etcdj.raft.storage.RocksLogStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * RocksLogStorage.save of one group-commit batch: 64 entries of 256 bytes and a hard state, with
 * and without fsync, appended after the previous batch, in a temp dir.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LogAppendBenchmark {
  private static final int BATCH = 64;

  @Param({"true", "false"})
  boolean sync;

  private Path dir;
  private RocksLogStorage storage;
  private byte[] payload;
  private long nextIndex = 1;

  @Setup public void setUp() throws IOException {
    dir = Files.createTempDirectory("etcdj-jmh-log");
    storage = RocksLogStorage.open(dir.resolve("wal"));
    payload = new byte[256];
  }

  @Benchmark public void saveBatchOf64() {
    List<Entry> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      batch.add(new Entry(1, nextIndex + i, EntryType.NORMAL, payload));
    }
    nextIndex += BATCH;
    storage.save(new HardState(1, 1, nextIndex - 1), batch, Snapshot.EMPTY, sync);
  }

  @TearDown public void tearDown() throws IOException {
    storage.close();
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
