package io.etcdj.server;

import io.etcdj.raft.Entry;
import io.etcdj.raft.MemoryLogStorage;
import io.etcdj.raft.SnapshotMetadata;
import java.util.List;

/**
 * What the simulation's checks learn as members run, told by {@link SimMember} (the network's
 * traffic goes to a {@link SimNetwork.Tap}). Called on the simulation thread, in the order things
 * happen; a check that finds a violation throws from inside the call, which ends the schedule
 * right where it went wrong.
 */
interface SimObserver {
  /** A new incarnation of {@code m} has opened its disk (a start or a restart). */
  default void started(SimMember m) { }

  /** After a Raft loop iteration in which {@code m} believes it leads {@code term}. */
  default void leading(SimMember m, long term) { }

  /** {@code m} wrote {@code entries} to its log; {@code log} is its log after the write. */
  default void saved(SimMember m, List<Entry> entries, MemoryLogStorage log) { }

  /** {@code m}'s applier applied {@code entry}; its store's index is then {@code storeIndex}. */
  default void applied(SimMember m, Entry entry, long storeIndex) { }

  /** {@code m}'s store was replaced by the leader's snapshot; its store's index is then {@code storeIndex}. */
  default void restored(SimMember m, SnapshotMetadata snapshot, long storeIndex) { }

  /** {@code m}'s process is gone (crashed, stopped or removed): whatever waited on it never hears back. */
  default void down(SimMember m) { }

  SimObserver NONE = new SimObserver() { };
}
