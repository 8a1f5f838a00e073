package io.etcdj.http;

import io.etcdj.kvstore.Store;
import io.etcdj.raft.ConfState;
import io.etcdj.raft.Snapshot;
import io.etcdj.raft.SnapshotMetadata;
import io.etcdj.raft.storage.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code snapshotCount} applied entries: saves the store to the snap directory and
 * compacts the log. The log is compacted only up to the PREVIOUS snapshot, so between one and
 * two snapshot intervals of entries stay available to catch up slow followers (etcd keeps a fixed
 * number of catch-up entries for the same reason). Owned by the apply thread; the compaction
 * itself is handed to the Raft loop, the log's only writer.
 */
final class Snapshotter {
  private static final Logger LOG = LoggerFactory.getLogger(Snapshotter.class);

  private final long snapshotCount;
  private final SnapshotStore snapshots;
  private final java.util.function.Consumer<Snapshot> compactor;
  private final ServerMetrics metrics;
  private long lastSnapshotIndex;
  private Snapshot previous; // the newest snapshot not yet used to compact the log

  Snapshotter(long snapshotCount, SnapshotStore snapshots, java.util.function.Consumer<Snapshot> compactor,
              ServerMetrics metrics, long lastSnapshotIndex) {
    this.snapshotCount = snapshotCount;
    this.snapshots = snapshots;
    this.compactor = compactor;
    this.metrics = metrics;
    this.lastSnapshotIndex = lastSnapshotIndex;
  }

  void maybeSnapshot(Store store, long appliedIndex, long appliedTerm, ConfState confState) {
    if (appliedIndex - lastSnapshotIndex < snapshotCount) {
      return;
    }
    long started = System.nanoTime();
    Snapshot snapshot = new Snapshot(new SnapshotMetadata(appliedIndex, appliedTerm, confState), store.save());
    snapshots.save(snapshot);
    if (previous != null) {
      compactor.accept(previous);
    }
    previous = snapshot;
    lastSnapshotIndex = appliedIndex;
    metrics.snapshotsSaved.increment();
    LOG.info("saved snapshot at index {} ({} bytes, {} ms)", appliedIndex, snapshot.data().length,
        (System.nanoTime() - started) / 1_000_000);
  }
}
