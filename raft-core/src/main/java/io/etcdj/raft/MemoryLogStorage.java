package io.etcdj.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link WritableLogStorage} in memory (etcd's MemoryStorage): what the driver saved, nothing
 * more, so a simulated crash that rebuilds a node over it keeps exactly what was "persisted".
 * Written by the thread that drives the node; synchronized so a test thread may inspect it.
 */
public final class MemoryLogStorage implements WritableLogStorage {
  private HardState hardState = HardState.EMPTY;
  private ConfState confState = new ConfState(List.of());
  private Snapshot snapshot = Snapshot.EMPTY;
  /** Entries after the snapshot: entries[i] has index snapshotIndex + 1 + i. */
  private final ArrayList<Entry> entries = new ArrayList<>();

  private long snapshotIndex() { return snapshot.metadata().index(); }

  @Override public synchronized InitialState initialState() { return new InitialState(hardState, confState); }

  @Override public synchronized List<Entry> entries(long lo, long hi, long maxBytes) {
    if (lo < firstIndex() || hi > lastIndex() + 1 || lo > hi) {
      throw new IllegalArgumentException("entries [" + lo + "," + hi + ") outside ["
          + firstIndex() + "," + (lastIndex() + 1) + ")");
    }
    List<Entry> out = new ArrayList<>();
    long size = 0;
    for (long i = lo; i < hi; i++) {
      Entry e = entries.get((int) (i - snapshotIndex() - 1));
      size += EntrySize.of(e);
      if (!out.isEmpty() && size > maxBytes) {
        break;
      }
      out.add(e);
    }
    return out;
  }

  @Override public synchronized long term(long index) {
    if (index == snapshotIndex()) {
      return snapshot.metadata().term();
    }
    if (index < snapshotIndex() || index > lastIndex()) {
      throw new IllegalArgumentException("term of " + index + " unavailable");
    }
    return entries.get((int) (index - snapshotIndex() - 1)).term();
  }

  @Override public synchronized long firstIndex() { return snapshotIndex() + 1; }

  @Override public synchronized long lastIndex() { return snapshotIndex() + entries.size(); }

  @Override public synchronized Snapshot snapshot() { return snapshot; }

  @Override public synchronized void save(HardState hs, List<Entry> ents, Snapshot snap, boolean sync) {
    if (!snap.isEmpty() && snap.metadata().index() > snapshotIndex()) {
      snapshot = snap;
      confState = snap.metadata().confState();
      entries.clear();
    }
    append(ents);
    if (!hs.isEmpty()) {
      hardState = hs;
    }
  }

  private void append(List<Entry> ents) {
    if (ents.isEmpty()) {
      return;
    }
    long first = ents.get(0).index();
    int skip = 0;
    while (skip < ents.size() && ents.get(skip).index() <= snapshotIndex()) {
      skip++; // already covered by the snapshot
    }
    if (skip == ents.size()) {
      return;
    }
    long from = first + skip;
    if (from > lastIndex() + 1) {
      throw new IllegalStateException("gap: appending " + from + " after " + lastIndex());
    }
    int keep = (int) (from - snapshotIndex() - 1);
    entries.subList(keep, entries.size()).clear();
    entries.addAll(ents.subList(skip, ents.size()));
  }

  @Override public synchronized void saveConfState(ConfState cs) { confState = cs; }

  @Override public synchronized void compact(Snapshot snap) {
    long index = snap.metadata().index();
    if (index <= snapshotIndex()) {
      return;
    }
    if (index > lastIndex()) {
      throw new IllegalArgumentException("compact " + index + " beyond last index " + lastIndex());
    }
    int drop = (int) (index - snapshotIndex());
    entries.subList(0, drop).clear();
    snapshot = snap;
  }
}
