package io.etcdj.server;

import io.etcdj.raft.Snapshot;
import io.etcdj.raft.storage.SnapshotStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A member's snapshot store in memory; a save is durable at once, as SnapshotStore's fsync makes
 * it. A save may kill the process first (the member's {@link KillSwitch}): a leader's snapshot
 * received but not kept, or a snapshot taken and never written.
 */
final class SimSnapshots implements SnapshotStorage {
  private final KillSwitch kill;
  private final List<Snapshot> saved = new ArrayList<>();

  SimSnapshots(KillSwitch kill) { this.kill = kill; }

  SimSnapshots() { this(new KillSwitch()); }

  @Override public void save(Snapshot snapshot) {
    kill.at(CrashPoint.BEFORE_SNAPSHOT_SAVE);
    saved.add(snapshot);
    saved.sort((a, b) -> Long.compare(a.metadata().index(), b.metadata().index()));
    while (saved.size() > 5) {
      saved.remove(0);
    }
  }

  @Override public Optional<Snapshot> loadNewest() {
    return saved.isEmpty() ? Optional.empty() : Optional.of(saved.get(saved.size() - 1));
  }

  @Override public Optional<Snapshot> load(long term, long index) {
    return saved.stream().filter(s -> s.metadata().term() == term && s.metadata().index() == index).findFirst();
  }
}
