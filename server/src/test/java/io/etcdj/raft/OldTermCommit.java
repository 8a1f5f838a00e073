package io.etcdj.raft;

import java.lang.reflect.Field;

/**
 * Planted bug OLD_TERM_COMMIT, for the server's cluster simulator: a leader that commits every
 * index a majority of its voters holds, whatever that entry's term. Raft (§5.4.2) lets a leader
 * commit by counting replicas only entries of its own term; an older entry held by a majority can
 * still be overwritten by a later leader that never had it (the paper's figure 8). The mutation is
 * {@code RaftProtocol.maybeCommit} without its term test, applied from outside after each Raft loop
 * iteration; nothing in the production code changes. Lives in the core's package to reach its
 * package-private state; {@code RaftNode}'s protocol field is private, hence the reflection.
 */
public final class OldTermCommit {
  private static final Field PROTOCOL;

  static {
    try {
      PROTOCOL = RaftNode.class.getDeclaredField("raft");
      PROTOCOL.setAccessible(true);
    } catch (NoSuchFieldException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private OldTermCommit() {}

  /** On a leader: commits what a quorum of voters matched, even if it is of an older term. */
  public static void commitByCountingReplicas(RaftNode node) {
    RaftProtocol raft;
    try {
      raft = (RaftProtocol) PROTOCOL.get(node);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    if (raft.state == StateRole.LEADER) {
      long quorum = raft.prs.committed();
      if (quorum > raft.raftLog.committed) {
        raft.raftLog.commitTo(quorum); // the correct rule also asks raftLog.term(quorum) == raft.term
      }
    }
  }
}
