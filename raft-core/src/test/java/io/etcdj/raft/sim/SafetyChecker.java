package io.etcdj.raft.sim;

import io.etcdj.raft.ConfState;
import io.etcdj.raft.Entry;
import io.etcdj.raft.MemoryLogStorage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Raft's safety properties (paper, figure 3), checked as the simulation runs. Failures throw an
 * AssertionError naming the run, so the seed that produced it can be replayed.
 */
final class SafetyChecker {
  private final String runDescription;
  /** Election safety: the leader of each term. */
  private final Map<Long, Long> leaderOfTerm = new HashMap<>();
  /** State-machine safety: the entry every node applied at each index, and the state after it. */
  private final Map<Long, Entry> appliedAt = new HashMap<>();
  private final Map<Long, Long> stateHashAt = new HashMap<>();
  private long maxLeaderTerm;
  /** Linearizable reads: the highest index applied anywhere when each read was issued. */
  private final Map<String, Long> appliedWhenReadIssued = new HashMap<>();
  /** Votes granted, by "term->candidate". */
  private final Map<String, Set<Long>> votesFor = new HashMap<>();

  SafetyChecker(String runDescription) { this.runDescription = runDescription; }

  private AssertionError violation(String what) {
    return new AssertionError(what + " [replay: " + runDescription + "]");
  }

  void leaderObserved(long term, long id) {
    Long previous = leaderOfTerm.putIfAbsent(term, id);
    if (previous != null && previous != id) {
      throw violation("election safety: nodes " + previous + " and " + id + " both led term " + term);
    }
    maxLeaderTerm = Math.max(maxLeaderTerm, term);
  }

  /** A node asks for (pre-)votes: only a voter of its own configuration may. */
  void campaignObserved(long id, long term, ConfState cs) {
    if (!cs.voters().contains(id)) {
      throw violation("node " + id + " campaigned for term " + term + " but is not a voter in "
          + cs + (cs.learners().contains(id) ? " (a learner)" : ""));
    }
  }

  /** {@code voter} granted its vote to {@code candidate} in {@code term}. */
  void voteGranted(long term, long voter, long candidate) {
    votesFor.computeIfAbsent(term + "->" + candidate, k -> new HashSet<>()).add(voter);
  }

  /**
   * A new leader must be a voter, and its own voters must have granted it a majority: were a
   * learner's vote counted, a learner could have decided the election.
   */
  void checkElectedByVoters(long id, long term, ConfState cs) {
    if (!cs.voters().contains(id)) {
      throw violation("node " + id + " leads term " + term + " but is not a voter in " + cs);
    }
    Set<Long> granted = votesFor.getOrDefault(term + "->" + id, Set.of());
    long fromVoters = cs.voters().stream().filter(v -> v == id || granted.contains(v)).count();
    if (fromVoters < cs.voters().size() / 2 + 1) {
      throw violation("node " + id + " leads term " + term + " with votes of " + granted
          + " and its own: no majority of its voters " + cs.voters());
    }
  }

  /** Called when {@code id} has just become leader of {@code term} and persisted its log. */
  void checkLeaderCompleteness(long id, long term, MemoryLogStorage log) {
    if (term < maxLeaderTerm) {
      return; // a newer leader may have committed entries this stale one cannot know
    }
    for (Map.Entry<Long, Entry> e : appliedAt.entrySet()) {
      long index = e.getKey();
      if (index < log.firstIndex() - 1) {
        continue; // covered by this leader's snapshot
      }
      if (index > log.lastIndex()) {
        throw violation("leader completeness: leader " + id + " of term " + term + " lacks committed entry "
            + index + " (last index " + log.lastIndex() + ")");
      }
      if (log.term(index) != e.getValue().term()) {
        throw violation("leader completeness: leader " + id + " of term " + term + " has term "
            + log.term(index) + " at committed index " + index + ", committed term " + e.getValue().term());
      }
    }
  }

  void applied(long node, Entry entry, long stateHashAfter) {
    Entry first = appliedAt.putIfAbsent(entry.index(), entry);
    if (first != null && (first.term() != entry.term() || !Arrays.equals(first.data(), entry.data()))) {
      throw violation("state-machine safety: node " + node + " applied " + describe(entry)
          + " where another node applied " + describe(first));
    }
    checkState(node, entry.index(), stateHashAfter);
  }

  /** A node's state at {@code index} (after applying or restoring a snapshot). */
  void checkState(long node, long index, long stateHash) {
    Long known = stateHashAt.putIfAbsent(index, stateHash);
    if (known != null && known != stateHash) {
      throw violation("state-machine safety: node " + node + " state at " + index + " differs");
    }
  }

  /** Log matching: same index and term implies identical logs up to there. */
  void checkLogMatching(List<SimNode> nodes) {
    for (int a = 0; a < nodes.size(); a++) {
      for (int b = a + 1; b < nodes.size(); b++) {
        checkPair(nodes.get(a), nodes.get(b));
      }
    }
  }

  private void checkPair(SimNode x, SimNode y) {
    MemoryLogStorage a = x.storage();
    MemoryLogStorage b = y.storage();
    long lo = Math.max(a.firstIndex(), b.firstIndex());
    long hi = Math.min(a.lastIndex(), b.lastIndex());
    long matchAt = -1;
    for (long i = hi; i >= lo; i--) {
      if (a.term(i) == b.term(i)) {
        matchAt = i;
        break;
      }
    }
    if (matchAt < lo) {
      return;
    }
    List<Entry> ea = a.entries(lo, matchAt + 1, Long.MAX_VALUE);
    List<Entry> eb = b.entries(lo, matchAt + 1, Long.MAX_VALUE);
    for (int i = 0; i < ea.size(); i++) {
      Entry p = ea.get(i);
      Entry q = eb.get(i);
      if (p.term() != q.term() || p.type() != q.type() || !Arrays.equals(p.data(), q.data())) {
        throw violation("log matching: nodes " + x.id() + " and " + y.id() + " agree at " + matchAt
            + " but differ at " + p.index() + ": " + describe(p) + " vs " + describe(q));
      }
    }
  }

  void readIssued(String ctx) { appliedWhenReadIssued.put(ctx, highestApplied()); }

  /**
   * A ReadIndex answer must cover every write that completed (was applied somewhere) before the
   * read was issued; otherwise a read served at that index could miss it.
   */
  void readAnswered(long node, io.etcdj.raft.ReadState rs) {
    String ctx = new String(rs.requestCtx());
    Long floor = appliedWhenReadIssued.get(ctx);
    if (floor == null) {
      throw violation("node " + node + " answered unknown read " + ctx);
    }
    if (rs.index() < floor) {
      throw violation("linearizable read: " + ctx + " answered at index " + rs.index()
          + " but index " + floor + " was already applied when it was issued");
    }
    readsAnswered++;
  }

  int readsAnswered() { return readsAnswered; }

  private int readsAnswered;

  long highestApplied() {
    return appliedAt.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  private static String describe(Entry e) {
    return "(" + e.index() + "," + e.term() + "," + e.type() + "," + new String(e.data()) + ")";
  }
}
