package io.etcdj.server;

import io.etcdj.raft.ConfState;
import io.etcdj.raft.Entry;
import io.etcdj.raft.HardState;
import io.etcdj.raft.MemoryLogStorage;
import io.etcdj.raft.Snapshot;
import io.etcdj.raft.WritableLogStorage;
import io.etcdj.raft.storage.SnapshotStorage;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated disk under a member's Raft log that loses, in a crash, whatever was written since
 * the last sync, as RocksDB's WAL does: a synced write makes every earlier write durable too.
 * Conf states and compactions are synced, as {@code RocksLogStorage} writes them. Each call may
 * kill the process (the member's {@link KillSwitch}): before a Ready's write, or after it and
 * before the messages that promise it. With {@link #lieAboutSync} it acknowledges syncs it never
 * made (a planted bug). Owned by the simulation thread.
 */
final class SimDisk implements WritableLogStorage {
  /** Told of every entry write, with the log after it, so log matching is checked as logs grow. */
  interface Listener {
    void saved(List<Entry> entries, MemoryLogStorage logAfter);
  }

  private sealed interface Write {
    void applyTo(MemoryLogStorage log);
  }

  private record Save(HardState hardState, List<Entry> entries, Snapshot snapshot) implements Write {
    @Override public void applyTo(MemoryLogStorage log) { log.save(hardState, entries, snapshot, false); }
  }

  private record SaveConfState(ConfState confState) implements Write {
    @Override public void applyTo(MemoryLogStorage log) { log.saveConfState(confState); }
  }

  private record Compact(Snapshot snapshot) implements Write {
    @Override public void applyTo(MemoryLogStorage log) { log.compact(snapshot); }
  }

  private final KillSwitch kill;
  private final Listener listener;
  /** Where a compacted log's snapshot image is read back from, as RocksLogStorage reads its store. */
  private final SnapshotStorage snapshots;
  private MemoryLogStorage current = new MemoryLogStorage();
  private final List<Write> durable = new ArrayList<>();
  private final List<Write> pending = new ArrayList<>();
  private boolean lieAboutSync;
  private int syncs;

  SimDisk(KillSwitch kill, Listener listener, SnapshotStorage snapshots) {
    this.kill = kill;
    this.listener = listener;
    this.snapshots = snapshots;
  }

  /** A disk nobody watches that never kills its process (for scenarios that need neither). */
  SimDisk() { this(new KillSwitch(), (entries, log) -> { }, new SimSnapshots()); }

  /** Planted bug: from now on a sync returns at once without making anything durable. */
  void lieAboutSync() { lieAboutSync = true; }

  int syncs() { return syncs; }

  private void write(Write w, boolean sync) {
    w.applyTo(current);
    pending.add(w);
    if (sync && !lieAboutSync) {
      durable.addAll(pending);
      pending.clear();
      syncs++;
    }
  }

  /** A crash (power lost): what was not synced is gone; the log is what the durable writes leave. */
  void crash() {
    pending.clear();
    current = new MemoryLogStorage();
    for (Write w : durable) {
      w.applyTo(current);
    }
  }

  /**
   * A clean stop: the process exits, the machine stays up, so what it wrote reaches the platters
   * even unsynced (the OS and the disk's cache flush it in time), on a lying disk too.
   */
  void stop() {
    durable.addAll(pending);
    pending.clear();
  }

  /** The log as it is now (for the simulation's Raft invariant checks). */
  MemoryLogStorage log() { return current; }

  @Override public void save(HardState hardState, List<Entry> entries, Snapshot snapshot, boolean sync) {
    kill.at(CrashPoint.BEFORE_LOG_WRITE);
    write(new Save(hardState, List.copyOf(entries), snapshot), sync);
    if (!entries.isEmpty()) {
      listener.saved(entries, current);
    }
    kill.at(CrashPoint.AFTER_LOG_WRITE);
  }

  @Override public void saveConfState(ConfState confState) {
    kill.at(CrashPoint.BEFORE_CONF_STATE_SAVE);
    write(new SaveConfState(confState), true);
  }

  @Override public void compact(Snapshot snapshot) {
    kill.at(CrashPoint.BEFORE_COMPACTION);
    write(new Compact(snapshot), true);
  }

  @Override public InitialState initialState() { return current.initialState(); }

  @Override public List<Entry> entries(long lo, long hi, long maxBytes) { return current.entries(lo, hi, maxBytes); }

  @Override public long term(long index) { return current.term(index); }

  @Override public long firstIndex() { return current.firstIndex(); }

  @Override public long lastIndex() { return current.lastIndex(); }

  /** The log's snapshot; its image from the snapshot store when the compaction gave metadata only. */
  @Override public Snapshot snapshot() {
    Snapshot s = current.snapshot();
    if (s.isEmpty() || s.data().length > 0) {
      return s;
    }
    return snapshots.load(s.metadata().term(), s.metadata().index()).orElse(s);
  }
}
