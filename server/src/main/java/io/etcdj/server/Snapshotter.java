package io.etcdj.server;

import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreImage;
import io.etcdj.raft.ConfState;
import io.etcdj.raft.Snapshot;
import io.etcdj.raft.SnapshotMetadata;
import io.etcdj.raft.storage.SnapshotStorage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code snapshotCount} applied entries: saves the store to the snap directory and
 * compacts the log. The log is compacted only up to the PREVIOUS snapshot, so between one and
 * two snapshot intervals of entries stay available to catch up slow followers (etcd keeps a fixed
 * number of catch-up entries for the same reason). The store is serialised on the apply thread
 * (the only moment it is consistent without copying); writing and fsyncing the file happen on the
 * snapshot thread so applies (and the clients waiting on them) don't stall behind the disk; the
 * compaction itself is handed to the Raft loop, the log's only writer.
 */
final class Snapshotter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Snapshotter.class);

  private final long snapshotCount;
  private final SnapshotStorage snapshots;
  private final java.util.function.Consumer<Snapshot> compactor;
  private final ServerMetrics metrics;
  private final Executor writer;
  private long lastSnapshotIndex; // apply thread
  /**
   * Writer thread: the newest snapshot not yet used to compact the log, metadata only: its image
   * is on disk, and keeping it would hold a whole store's worth of bytes until the next one.
   */
  private Snapshot previous;

  /**
   * {@code writer} runs the encoding and the file write: a thread of its own in a server
   * ({@link #newWriterThread}), the simulation thread in tests.
   */
  Snapshotter(long snapshotCount, SnapshotStorage snapshots, java.util.function.Consumer<Snapshot> compactor,
              ServerMetrics metrics, long lastSnapshotIndex, Executor writer) {
    this.snapshotCount = snapshotCount;
    this.snapshots = snapshots;
    this.compactor = compactor;
    this.metrics = metrics;
    this.lastSnapshotIndex = lastSnapshotIndex;
    this.writer = writer;
  }

  static ExecutorService newWriterThread() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "etcdj-snapshot");
      t.setDaemon(true);
      return t;
    });
  }

  /** The store was replaced by a snapshot at {@code index}: count the next interval from there. */
  void restoredAt(long index) { lastSnapshotIndex = index; }

  void maybeSnapshot(Store store, long appliedIndex, long appliedTerm, ConfState confState) {
    if (appliedIndex - lastSnapshotIndex < snapshotCount) {
      return;
    }
    long started = System.nanoTime();
    StoreImage image = store.capture();
    long capturedMicros = (System.nanoTime() - started) / 1_000;
    SnapshotMetadata metadata = new SnapshotMetadata(appliedIndex, appliedTerm, confState);
    lastSnapshotIndex = appliedIndex;
    writer.execute(() -> persist(metadata, image, capturedMicros));
  }

  private void persist(SnapshotMetadata metadata, StoreImage image, long capturedMicros) {
    long started = System.nanoTime();
    Snapshot snapshot = new Snapshot(metadata, image.serialize());
    snapshots.save(snapshot);
    if (previous != null) {
      compactor.accept(previous);
    }
    previous = new Snapshot(metadata, new byte[0]);
    metrics.snapshotsSaved.increment();
    LOG.info("saved snapshot at index {} ({} bytes; store captured in {} us, encoded and written in {} ms)",
        metadata.index(), snapshot.data().length, capturedMicros, (System.nanoTime() - started) / 1_000_000);
  }

  /** Waits for the snapshot being written, if any, so a clean stop leaves it on disk. */
  @Override public void close() {
    if (writer instanceof ExecutorService service) {
      service.shutdown();
      try {
        service.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
