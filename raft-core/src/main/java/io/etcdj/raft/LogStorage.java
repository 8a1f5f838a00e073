package io.etcdj.raft;

import java.util.List;

/**
 * The stable log as the protocol reads it (etcd's Storage): what has been persisted. The protocol
 * never writes through this interface; the driver persists each {@link Ready} and then the
 * protocol may read what it persisted.
 */
public interface LogStorage {
  /** Hard state and configuration as of the last persist (for a restart). */
  InitialState initialState();

  /** Entries in [lo, hi), at least one if any, at most {@code maxBytes} in total beyond the first. */
  List<Entry> entries(long lo, long hi, long maxBytes);

  /** Term of entry {@code index}; valid for firstIndex()-1 .. lastIndex(). */
  long term(long index);

  /** Index of the first entry still available (after compaction, snapshot index + 1). */
  long firstIndex();

  long lastIndex();

  /** The most recent snapshot. */
  Snapshot snapshot();

  record InitialState(HardState hardState, ConfState confState) {}
}
