package io.etcdj.raft;

/** The application's state as of {@code metadata.index()}; {@code data} is the application's bytes. */
public record Snapshot(SnapshotMetadata metadata, byte[] data) {
  public static final Snapshot EMPTY = new Snapshot(new SnapshotMetadata(0, 0, new ConfState(java.util.List.of())), new byte[0]);
  public boolean isEmpty() { return metadata.index() == 0; }
}
