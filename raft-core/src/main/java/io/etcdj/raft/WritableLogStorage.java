package io.etcdj.raft;

import java.util.List;

/**
 * A {@link LogStorage} the driver loop writes each {@link Ready} into. Implemented by the
 * RocksDB storage and by {@link MemoryLogStorage} (tests, simulations), so a driver can run on
 * either. Owned by the thread that drives the RaftNode.
 */
public interface WritableLogStorage extends LogStorage {
  /**
   * Persists one Ready's worth atomically: the snapshot (if not empty) resets the log to it, then
   * {@code entries} are appended (replacing any conflicting suffix), then the hard state (if not
   * empty). With {@code sync} it is durable when this returns.
   */
  void save(HardState hardState, List<Entry> entries, Snapshot snapshot, boolean sync);

  /** Persists the configuration in force after applying a conf change. */
  void saveConfState(ConfState confState);

  /** Records that {@code snapshot} exists and drops the entries it covers. */
  void compact(Snapshot snapshot);
}
