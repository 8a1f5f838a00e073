package io.etcdj.raft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration (voters) with each voter's {@link Progress} and the votes of the current
 * election (etcd's tracker.ProgressTracker). A TreeMap keeps iteration ordered by id, so message
 * order, and thus a simulation, is deterministic. Owned by the Raft thread.
 */
final class ProgressTracker {
  final TreeMap<Long, Progress> progress = new TreeMap<>();
  private final Map<Long, Boolean> votes = new HashMap<>();
  private final int maxInflight;

  ProgressTracker(int maxInflight) { this.maxInflight = maxInflight; }

  int maxInflight() { return maxInflight; }

  boolean isVoter(long id) { return progress.containsKey(id); }

  Progress get(long id) { return progress.get(id); }

  void add(long id, long match, long next) {
    Progress pr = new Progress(match, next, maxInflight);
    // A new member counts as active, so check-quorum does not depose a leader right after adding it.
    pr.recentActive = true;
    progress.put(id, pr);
  }

  void remove(long id) {
    progress.remove(id);
    votes.remove(id);
  }

  List<Long> voters() { return new ArrayList<>(progress.keySet()); }

  ConfState confState() { return new ConfState(voters()); }

  /** The highest index a majority of voters has durably matched. */
  long committed() { return Quorum.committedIndex(progress.keySet(), progress); }

  void resetVotes() { votes.clear(); }

  void recordVote(long id, boolean granted) { votes.putIfAbsent(id, granted); }

  Quorum.VoteResult tallyVotes() { return Quorum.voteResult(progress.keySet(), votes); }

  /** Whether a majority was heard from recently (self counts as active). */
  boolean quorumActive(long self) {
    Map<Long, Boolean> active = new HashMap<>();
    for (Map.Entry<Long, Progress> e : progress.entrySet()) {
      active.put(e.getKey(), e.getKey() == self || e.getValue().recentActive);
    }
    return Quorum.voteResult(progress.keySet(), active) == Quorum.VoteResult.WON;
  }
}
