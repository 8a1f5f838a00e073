package io.etcdj.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ReadIndex on the leader (etcd's read-only handling in stepLeader, safe mode): a read is answered
 * with the commit index once a heartbeat round shows a quorum of voters still follows this
 * leader; before the leader has committed an entry of its own term, its commit index may lag
 * and reads wait. The pending requests themselves are in {@link ReadOnly}. Part of
 * {@link RaftProtocol}, owned by the Raft thread; reset whenever leadership changes.
 */
final class ReadIndex {
  private final RaftProtocol r;
  private ReadOnly readOnly = new ReadOnly();
  /** ReadIndex requests that arrived before this leader committed an entry of its own term. */
  private final List<Message> waitingForOwnTermCommit = new ArrayList<>();

  ReadIndex(RaftProtocol r) { this.r = r; }

  void reset() {
    readOnly = new ReadOnly();
    waitingForOwnTermCommit.clear();
  }

  /** Context of the newest pending request, carried by heartbeats; null when none. */
  byte[] lastPendingRequestCtx() { return readOnly.lastPendingRequestCtx(); }

  void handleAsLeader(Message m) {
    if (r.prs.voterCount() == 1 && r.prs.isVoter(r.id)) {
      answer(m, r.raftLog.committed); // a single voter is its own quorum (learners do not count)
      return;
    }
    if (r.raftLog.zeroTermOnCompacted(r.raftLog.committed) != r.term) {
      // Our commit index may lag the true one until an entry of our term commits.
      waitingForOwnTermCommit.add(m);
      return;
    }
    readOnly.addRequest(r.raftLog.committed, m);
    readOnly.recvAck(r.id, m.context());
    r.replication.bcastHeartbeat(m.context());
  }

  /** The commit index moved: reads waiting for this term's first commit may now proceed. */
  void releasePending() {
    if (waitingForOwnTermCommit.isEmpty() || r.state != StateRole.LEADER) {
      return;
    }
    List<Message> waiting = new ArrayList<>(waitingForOwnTermCommit);
    waitingForOwnTermCommit.clear();
    for (Message m : waiting) {
      handleAsLeader(m);
    }
  }

  /** A heartbeat answer carrying a read's context acknowledges it and every earlier one. */
  void handleHeartbeatAck(Message m) {
    if (m.context().length == 0) {
      return;
    }
    Set<Long> acks = readOnly.recvAck(m.from(), m.context());
    if (acks == null || !r.prs.hasQuorum(acks)) {
      return;
    }
    for (ReadOnly.Status rs : readOnly.advance(m.context())) {
      answer(rs.request(), rs.index());
    }
  }

  private void answer(Message request, long index) {
    if (request.from() == RaftProtocol.NONE || request.from() == r.id) {
      r.readStates.add(new ReadState(index, request.context()));
    } else {
      r.send(MessageBuilder.of(MessageType.READ_INDEX_RESP, request.from()).index(index)
          .context(request.context()));
    }
  }
}
