package io.etcdj.raft;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The configuration (voters and learners) with each member's {@link Progress}, and the votes of
 * the current election (etcd's tracker.ProgressTracker). Every quorum it computes (commit, votes,
 * check-quorum, ReadIndex acks) counts voters only; learners are tracked for replication alone.
 * TreeMaps keep iteration ordered by id, so message order, and thus a simulation, is
 * deterministic. Owned by the Raft thread.
 */
final class ProgressTracker {
  /** Every member's progress, voters and learners alike (see {@link Progress#learner}). */
  final TreeMap<Long, Progress> progress = new TreeMap<>();
  /** The voters' ids, kept beside the map so quorum arithmetic need not filter it each time. */
  private final TreeSet<Long> voterIds = new TreeSet<>();
  private final Collection<Long> votersView = Collections.unmodifiableSet(voterIds);
  private final Map<Long, Boolean> votes = new HashMap<>();
  private final int maxInflight;

  ProgressTracker(int maxInflight) { this.maxInflight = maxInflight; }

  int maxInflight() { return maxInflight; }

  boolean isVoter(long id) { return voterIds.contains(id); }

  boolean isLearner(long id) {
    Progress pr = progress.get(id);
    return pr != null && pr.learner;
  }

  /** Whether {@code id} is in the configuration at all, as a voter or as a learner. */
  boolean contains(long id) { return progress.containsKey(id); }

  Progress get(long id) { return progress.get(id); }

  void add(long id, long match, long next, boolean learner) {
    Progress pr = new Progress(match, next, maxInflight);
    pr.learner = learner;
    // A new member counts as active, so check-quorum does not depose a leader right after adding
    // it, and a snapshot may be sent to it before it ever answered.
    pr.recentActive = true;
    progress.put(id, pr);
    if (learner) {
      voterIds.remove(id);
    } else {
      voterIds.add(id);
    }
  }

  /** Makes a learner a voter, keeping its progress. */
  void promote(long id) {
    Progress pr = progress.get(id);
    if (pr == null || !pr.learner) {
      throw new IllegalStateException(id + " is not a learner");
    }
    pr.learner = false;
    voterIds.add(id);
  }

  void remove(long id) {
    progress.remove(id);
    voterIds.remove(id);
    votes.remove(id);
  }

  void clear() {
    progress.clear();
    voterIds.clear();
    votes.clear();
  }

  /** Fresh progress for every member at a change of role: nothing is known of the others yet. */
  void resetProgress(long self, long lastIndex) {
    for (Map.Entry<Long, Progress> e : progress.entrySet()) {
      Progress fresh = new Progress(e.getKey() == self ? lastIndex : 0, lastIndex + 1, maxInflight);
      fresh.learner = e.getValue().learner;
      e.setValue(fresh);
    }
  }

  /** Check-quorum starts a new round: everyone must be heard from again. */
  void resetRecentActive(long self) {
    for (Map.Entry<Long, Progress> e : progress.entrySet()) {
      if (e.getKey() != self) {
        e.getValue().recentActive = false;
      }
    }
  }

  List<Long> voters() { return new ArrayList<>(voterIds); }

  int voterCount() { return voterIds.size(); }

  List<Long> learners() {
    List<Long> out = new ArrayList<>();
    for (Map.Entry<Long, Progress> e : progress.entrySet()) {
      if (e.getValue().learner) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  ConfState confState() { return new ConfState(voters(), learners()); }

  /** The highest index a majority of voters has durably matched. */
  long committed() { return Quorum.committedIndex(votersView, progress); }

  void resetVotes() { votes.clear(); }

  void recordVote(long id, boolean granted) { votes.putIfAbsent(id, granted); }

  /** The election's outcome so far; a learner's answer, if any, is not counted. */
  Quorum.VoteResult tallyVotes() { return Quorum.voteResult(votersView, votes); }

  /** Whether a majority of voters was heard from recently (self counts as active). */
  boolean quorumActive(long self) {
    Map<Long, Boolean> active = new HashMap<>();
    for (long voter : voterIds) {
      active.put(voter, voter == self || progress.get(voter).recentActive);
    }
    return Quorum.voteResult(votersView, active) == Quorum.VoteResult.WON;
  }

  /** Whether the members in {@code acks} include a majority of the voters. */
  boolean hasQuorum(Set<Long> acks) {
    Map<Long, Boolean> votesOfAcks = new HashMap<>();
    for (long a : acks) {
      votesOfAcks.put(a, true);
    }
    return Quorum.voteResult(votersView, votesOfAcks) == Quorum.VoteResult.WON;
  }
}
