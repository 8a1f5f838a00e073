package io.etcdj.raft.storage;

import io.etcdj.raft.Snapshot;
import java.util.Optional;

/**
 * Where a member keeps its store snapshots: {@link SnapshotStore}'s files on disk, or an
 * in-memory stand-in in simulations. Written by the snapshot and Raft threads, one at a time.
 */
public interface SnapshotStorage {
  /** Saves durably: once this returns, the snapshot survives a crash. */
  void save(Snapshot snapshot);

  /** The newest intact snapshot, if any. */
  Optional<Snapshot> loadNewest();

  /** The snapshot at exactly (term, index), if it is still kept and intact. */
  Optional<Snapshot> load(long term, long index);
}
