package io.etcdj.raft;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A read-only copy of the node's state, for stats and headers. {@code progress} holds, ordered by
 * id, what this node knows of every other member (voters and learners) while it leads; it is
 * empty on a follower or candidate.
 */
public record RaftStatus(long id, long term, long vote, long commit, long applied, long leaderId,
                         StateRole role, Map<Long, FollowerProgress> progress) {
  public RaftStatus {
    progress = progress.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(progress));
  }

  /** A status without per-member progress (that of a node that does not lead). */
  public RaftStatus(long id, long term, long vote, long commit, long applied, long leaderId,
                    StateRole role) {
    this(id, term, vote, commit, applied, leaderId, role, Map.of());
  }
}
