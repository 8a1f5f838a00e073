package io.etcdj.server;

/**
 * Bugs planted on purpose, each in as small a place as it fits, to show that the simulation's
 * checks catch them: a checker that cannot fail proves nothing. {@link #NONE} in every real run.
 */
enum PlantedBug {
  NONE("none"),
  /**
   * A member that believes it leads answers quorum reads from its own store at once, without
   * ReadIndex ({@link LeaderLocalReads}): a leader cut off from the others goes on believing it
   * leads for up to an election timeout, while a new leader takes writes.
   */
  STALE_LEADER_READ("a deposed leader serves a stale quorum read"),
  /**
   * A leader commits whatever a majority of its voters holds, an entry of an earlier term included
   * (the Raft paper's figure 8; {@code io.etcdj.raft.OldTermCommit}); a later leader that never had
   * it can be elected and overwrite it.
   */
  OLD_TERM_COMMIT("an entry of an old term committed by counting replicas"),
  /** Every disk acknowledges syncs it never made ({@link SimDisk#lieAboutSync}). */
  UNSYNCED_ACK("an acknowledged write that was never fsynced"),
  /** Member m2, while it follows, applies some committed writes to its store a second time. */
  DOUBLE_APPLY("a follower applies an entry twice");

  private final String description;

  PlantedBug(String description) { this.description = description; }

  String description() { return description; }
}
