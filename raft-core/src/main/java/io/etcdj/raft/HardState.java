package io.etcdj.raft;

/** What must be durable before any message that depends on it is sent: term, vote, commit. */
public record HardState(long term, long vote, long commit) {
  public static final HardState EMPTY = new HardState(0, 0, 0);
  public boolean isEmpty() { return equals(EMPTY); }
}
