package io.etcdj.server;

import io.etcdj.raft.ConfChange;
import io.etcdj.raft.ConfState;
import io.etcdj.raft.Entry;
import io.etcdj.raft.EntryType;
import io.etcdj.raft.MemoryLogStorage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Leader completeness, looking ahead: once an entry is committed (the first time any member
 * applies it), no member whose log lacks it can win an election, because a majority of its
 * voters hold logs more up to date than its own (Raft's election restriction, §5.4.1). Checked
 * against every member's log at that moment, down ones included (they come back with the same
 * disk), counting the voters each would-be candidate counts: those of its own configuration.
 *
 * <p>This catches a premature commit at once, without waiting for some later leader to overwrite
 * the entry (which takes a precise run of elections to happen): the Raft paper's figure 8 is a
 * commit by counting replicas of an old entry while a rival with a newer entry at that index
 * could still be elected.
 */
final class CommitChecks implements SimObserver {
  private final List<SimMember> members;
  private long checkedUpTo;

  /** {@code members}: the cluster's list, read each time (joiners are added to it). */
  CommitChecks(List<SimMember> members) { this.members = members; }

  @Override public void applied(SimMember m, Entry entry, long storeIndex) {
    if (entry.index() <= checkedUpTo) {
      return;
    }
    checkedUpTo = entry.index();
    for (SimMember candidate : members) {
      if (candidate.removed()) {
        continue; // stopped for good
      }
      MemoryLogStorage log = candidate.disk().log();
      ConfState cs = campaignConfiguration(log);
      if (holds(log, entry) || !cs.voters().contains(candidate.id())) {
        continue; // it has the entry, or it never campaigns
      }
      int votes = 0;
      StringBuilder voters = new StringBuilder();
      for (long id : cs.voters()) {
        SimMember voter = member(id);
        // A member that applied its own removal stopped for good and votes no more; a candidate
        // that has not applied the removal yet still counts it, and only its vote is missing.
        boolean canVote = voter != null && (voter == candidate || !voter.removed());
        if (canVote && (voter == candidate || atLeastAsUpToDate(log, voter.disk().log()))) {
          votes++;
          voters.append(voters.length() == 0 ? "" : ", ").append(voter.name());
        }
      }
      if (votes >= cs.voters().size() / 2 + 1) {
        throw new InvariantViolation("committed entries stay committed", m.name() + " applied "
            + LogChecks.describe(entry) + ", yet " + candidate.name() + " lacks it and could be elected by "
            + voters + " (" + votes + " of " + cs.voters().size() + " voters), whose logs are no more up to date"
            + " than its own (last entry " + lastIndex(log) + " of term " + lastTerm(log) + ")");
      }
    }
  }

  /**
   * The configuration a member counts when it campaigns: the one it saved, then every conf change
   * its log holds up to the commit index it saved, in order (Raft applies them all before it may
   * campaign; applying one already reflected changes nothing).
   */
  static ConfState campaignConfiguration(MemoryLogStorage log) {
    ConfState saved = log.initialState().confState();
    long commit = Math.min(log.initialState().hardState().commit(), log.lastIndex());
    if (commit < log.firstIndex()) {
      return saved;
    }
    Set<Long> voters = new LinkedHashSet<>(saved.voters());
    Set<Long> learners = new LinkedHashSet<>(saved.learners());
    for (Entry e : log.entries(log.firstIndex(), commit + 1, Long.MAX_VALUE)) {
      if (e.type() != EntryType.CONF_CHANGE) {
        continue;
      }
      ConfChange cc = ConfChange.decode(e.data());
      long id = cc.nodeId();
      switch (cc.type()) {
        case ADD_NODE -> {
          learners.remove(id);
          voters.add(id);
        }
        case ADD_LEARNER_NODE -> {
          if (!voters.contains(id)) {
            learners.add(id);
          }
        }
        case REMOVE_NODE -> {
          voters.remove(id);
          learners.remove(id);
        }
        case UPDATE_NODE -> { }
      }
    }
    return new ConfState(new ArrayList<>(voters), new ArrayList<>(learners));
  }

  private SimMember member(long id) {
    for (SimMember m : members) {
      if (m.id() == id) {
        return m;
      }
    }
    return null; // added, never started: it never votes
  }

  private static boolean holds(MemoryLogStorage log, Entry e) {
    if (e.index() < log.firstIndex()) {
      return true; // covered by its snapshot, which only ever holds committed entries
    }
    return e.index() <= log.lastIndex() && log.term(e.index()) == e.term();
  }

  /** Raft's election restriction: whether {@code voter} would grant a vote to a candidate with {@code candidate}. */
  private static boolean atLeastAsUpToDate(MemoryLogStorage candidate, MemoryLogStorage voter) {
    long candidateTerm = lastTerm(candidate);
    long voterTerm = lastTerm(voter);
    return candidateTerm > voterTerm || (candidateTerm == voterTerm && lastIndex(candidate) >= lastIndex(voter));
  }

  private static long lastIndex(MemoryLogStorage log) { return log.lastIndex(); }

  private static long lastTerm(MemoryLogStorage log) { return log.term(log.lastIndex()); }
}
