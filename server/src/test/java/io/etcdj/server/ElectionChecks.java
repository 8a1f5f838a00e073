package io.etcdj.server;

import io.etcdj.raft.ConfState;
import io.etcdj.raft.Message;
import io.etcdj.raft.MessageType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Raft's election safety (at most one leader per term), checked each time a member is seen
 * leading, and the rules about who may campaign and win: only a voter of its own configuration
 * asks for (pre-)votes, and a leader won the votes of a majority of its own configuration's
 * voters, so a learner's vote never decided an election. A leader of the newest term also gets
 * the leader-completeness check of {@link LogChecks}. Votes are seen on the network as they are
 * delivered, configurations on each member's disk.
 */
final class ElectionChecks implements SimObserver, SimNetwork.Tap {
  private record Ballot(long term, long candidate) {}

  private final LogChecks logs;
  private final Map<Long, Long> leaderOfTerm = new HashMap<>();
  private final Map<Long, SimMember> byId = new HashMap<>();
  private final Map<Ballot, Set<Long>> votesGranted = new HashMap<>();
  private long newestLeaderTerm;
  private int leadersSeen;

  ElectionChecks(LogChecks logs) { this.logs = logs; }

  int leadersSeen() { return leadersSeen; }

  @Override public void started(SimMember m) { byId.put(m.id(), m); }

  @Override public void leading(SimMember m, long term) {
    Long known = leaderOfTerm.putIfAbsent(term, m.id());
    if (known != null) {
      if (known != m.id()) {
        throw new InvariantViolation("election safety", m.name() + " and " + byId.get(known).name()
            + " both led term " + term);
      }
      return;
    }
    leadersSeen++;
    ConfState cs = m.disk().log().initialState().confState();
    if (!cs.voters().contains(m.id())) {
      throw new InvariantViolation("learners never lead", m.name() + " leads term " + term + " but is not a voter in "
          + names(cs));
    }
    Set<Long> granted = votesGranted.getOrDefault(new Ballot(term, m.id()), Set.of());
    long fromVoters = cs.voters().stream().filter(v -> v == m.id() || granted.contains(v)).count();
    if (fromVoters < cs.voters().size() / 2 + 1) {
      throw new InvariantViolation("elected by a majority of voters", m.name() + " leads term " + term
          + " with the votes of " + granted.size() + " member(s), " + (fromVoters - 1) + " of them voters of "
          + names(cs));
    }
    if (term >= newestLeaderTerm) {
      logs.checkLeaderCompleteness(m, term);
      newestLeaderTerm = term;
    }
  }

  @Override public void sent(Message m) {
    if (m.type() != MessageType.VOTE && m.type() != MessageType.PRE_VOTE) {
      return;
    }
    SimMember sender = byId.get(m.from());
    ConfState cs = sender.disk().log().initialState().confState();
    if (!cs.voters().contains(m.from())) {
      throw new InvariantViolation("learners never campaign", sender.name() + " asked for a "
          + (m.type() == MessageType.VOTE ? "vote" : "pre-vote") + " in term " + m.term()
          + " but is not a voter in " + names(cs));
    }
  }

  @Override public void delivered(Message m) {
    if (m.type() == MessageType.VOTE_RESP && !m.reject()) {
      votesGranted.computeIfAbsent(new Ballot(m.term(), m.to()), k -> new HashSet<>()).add(m.from());
    }
  }

  private String names(ConfState cs) {
    StringBuilder b = new StringBuilder("voters [");
    cs.voters().forEach(v -> b.append(b.charAt(b.length() - 1) == '[' ? "" : ", ").append(name(v)));
    b.append("], learners [");
    cs.learners().forEach(v -> b.append(b.charAt(b.length() - 1) == '[' ? "" : ", ").append(name(v)));
    return b.append(']').toString();
  }

  private String name(long id) {
    SimMember m = byId.get(id);
    return m == null ? ClusterIdentity.hex(id) : m.name();
  }
}
