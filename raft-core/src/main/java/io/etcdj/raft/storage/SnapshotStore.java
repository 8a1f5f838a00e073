package io.etcdj.raft.storage;

import io.etcdj.raft.Snapshot;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Snapshot files in {@code <data-dir>/member/snap}, one per snapshot, named by term and index,
 * written to a temp file, fsynced and renamed so a crash leaves either the old or the new one.
 * Keeps the newest few.
 */
public final class SnapshotStore {
  public static SnapshotStore open(Path snapDir) { throw new UnsupportedOperationException("skeleton"); }
  public void save(Snapshot snapshot) { throw new UnsupportedOperationException("skeleton"); }
  public Optional<Snapshot> loadNewest() { throw new UnsupportedOperationException("skeleton"); }
}
