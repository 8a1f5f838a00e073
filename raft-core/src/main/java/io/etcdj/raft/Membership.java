package io.etcdj.raft;

import java.util.Map;

/**
 * Configuration changes, one member at a time (etcd 3.4's addNode / addLearner / removeNode): who
 * votes, who only learns, and what a leader does when the configuration it applies changes
 * under it. A change takes effect when the application applies its entry. Part of
 * {@link RaftProtocol}, owned by the Raft thread.
 */
final class Membership {
  private final RaftProtocol r;

  Membership(RaftProtocol r) { this.r = r; }

  /** Applies a committed conf change; returns the configuration now in force. */
  ConfState apply(ConfChange cc) {
    long nodeId = cc.nodeId();
    switch (cc.type()) {
      case ADD_NODE -> addVoter(nodeId);
      case ADD_LEARNER_NODE -> addLearner(nodeId);
      case REMOVE_NODE -> remove(nodeId);
      case UPDATE_NODE -> { }
    }
    return r.prs.confState();
  }

  /** Adds a voter, or promotes a learner (its progress kept). Adding a voter again is a no-op. */
  private void addVoter(long nodeId) {
    if (r.prs.isVoter(nodeId)) {
      return; // bootstrap entries are applied twice: at creation and from the first Ready
    }
    if (r.prs.isLearner(nodeId)) {
      r.prs.promote(nodeId);
      return;
    }
    addMember(nodeId, false);
  }

  /**
   * Adds a learner. A voter is not demoted (etcd 3.4 refuses it too): demoting the leader, or
   * the quorum arithmetic of a half-demoted member, is not worth the risk.
   */
  private void addLearner(long nodeId) {
    if (!r.prs.contains(nodeId)) {
      addMember(nodeId, true);
    }
  }

  private void addMember(long nodeId, boolean learner) {
    long last = r.raftLog.lastIndex();
    r.prs.add(nodeId, nodeId == r.id ? last : 0, last + 1, learner);
    if (r.state == StateRole.LEADER && nodeId != r.id) {
      // Probe it now rather than at the next heartbeat response: a joiner starts catching up one
      // heartbeat interval sooner.
      r.replication.sendAppend(nodeId, true);
    }
  }

  private void remove(long nodeId) {
    r.prs.remove(nodeId);
    if (nodeId == r.leadTransferee) {
      r.leadTransferee = RaftProtocol.NONE;
    }
    if (r.state != StateRole.LEADER) {
      return;
    }
    if (nodeId == r.id) {
      stepDownAfterRemoval();
    } else if (r.prs.voterCount() > 0 && r.maybeCommit()) {
      // Fewer voters may mean a lower quorum: entries may now be committed.
      r.replication.bcastAppend();
    }
  }

  /**
   * This leader applied its own removal: it must stop leading a cluster it is no longer part of.
   * Before stepping down it tells everyone what is committed (its removal at least, so the others
   * apply it and stop counting it) and hands over to the most caught-up voter with TIMEOUT_NOW,
   * so the cluster need not wait an election timeout for a new leader. If no voter holds the
   * whole log, they elect one the usual way.
   */
  private void stepDownAfterRemoval() {
    if (r.prs.voterCount() > 0) {
      r.maybeCommit();
      r.replication.bcastAppend();
      long successor = RaftProtocol.NONE;
      long bestMatch = -1;
      for (Map.Entry<Long, Progress> e : r.prs.progress.entrySet()) {
        Progress pr = e.getValue();
        if (!pr.learner && pr.match > bestMatch) {
          bestMatch = pr.match;
          successor = e.getKey();
        }
      }
      if (successor != RaftProtocol.NONE && bestMatch == r.raftLog.lastIndex()) {
        r.send(MessageBuilder.of(MessageType.TIMEOUT_NOW, successor));
      }
    }
    r.becomeFollower(r.term, RaftProtocol.NONE);
  }

  /** Installs a configuration wholesale: at startup from storage, or from a snapshot. */
  void install(ConfState cs) {
    r.prs.clear();
    long last = r.raftLog.lastIndex();
    for (long voter : cs.voters()) {
      r.prs.add(voter, voter == r.id ? last : 0, last + 1, false);
    }
    for (long learner : cs.learners()) {
      r.prs.add(learner, learner == r.id ? last : 0, last + 1, true);
    }
  }
}
