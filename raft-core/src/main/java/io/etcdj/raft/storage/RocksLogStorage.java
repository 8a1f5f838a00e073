package io.etcdj.raft.storage;

import io.etcdj.raft.ConfState;
import io.etcdj.raft.Entry;
import io.etcdj.raft.HardState;
import io.etcdj.raft.LogStorage;
import io.etcdj.raft.Snapshot;
import java.nio.file.Path;
import java.util.List;

/**
 * The Raft log on RocksDB ({@code <data-dir>/member/wal}): entries keyed by big-endian index,
 * hard state and conf state. Written by one thread (the Raft loop); read by the protocol on the
 * same thread.
 */
public final class RocksLogStorage implements LogStorage, AutoCloseable {
  public static RocksLogStorage open(Path walDir) { throw new UnsupportedOperationException("skeleton"); }

  /**
   * Persists one Ready's worth in a single WriteBatch: the snapshot (if not empty) resets the log
   * to it, then {@code entries} are appended (replacing any conflicting suffix), then the hard
   * state. With {@code sync} the batch is fsynced before this returns: group commit.
   */
  public void save(HardState hardState, List<Entry> entries, Snapshot snapshot, boolean sync) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Persists the configuration in force after applying a conf change (synced). */
  public void saveConfState(ConfState confState) { throw new UnsupportedOperationException("skeleton"); }

  /** Records that a snapshot exists at {@code snapshot.metadata().index()} and deletes entries before it. */
  public void compact(Snapshot snapshot) { throw new UnsupportedOperationException("skeleton"); }

  @Override public InitialState initialState() { throw new UnsupportedOperationException("skeleton"); }
  @Override public List<Entry> entries(long lo, long hi, long maxBytes) { throw new UnsupportedOperationException("skeleton"); }
  @Override public long term(long index) { throw new UnsupportedOperationException("skeleton"); }
  @Override public long firstIndex() { throw new UnsupportedOperationException("skeleton"); }
  @Override public long lastIndex() { throw new UnsupportedOperationException("skeleton"); }
  @Override public Snapshot snapshot() { throw new UnsupportedOperationException("skeleton"); }
  @Override public void close() { throw new UnsupportedOperationException("skeleton"); }
}
