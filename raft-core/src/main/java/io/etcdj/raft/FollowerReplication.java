package io.etcdj.raft;

/**
 * The receiving side of replication, on a follower or learner: the leader's appends (answered
 * with a conflict hint when they do not fit), heartbeats and snapshots. Part of
 * {@link RaftProtocol}, owned by the Raft thread.
 */
final class FollowerReplication {
  private final RaftProtocol r;
  private final RaftLog raftLog;

  FollowerReplication(RaftProtocol r) {
    this.r = r;
    this.raftLog = r.raftLog;
  }

  void handleAppend(Message m) {
    if (m.index() < raftLog.committed) {
      r.send(MessageBuilder.of(MessageType.APP_RESP, m.from()).index(raftLog.committed));
      return;
    }
    long lastNew = raftLog.maybeAppend(m.index(), m.logTerm(), m.commit(), m.entries());
    if (lastNew >= 0) {
      r.send(MessageBuilder.of(MessageType.APP_RESP, m.from()).index(lastNew));
      return;
    }
    // Our log does not match at m.index. Hint the highest (index, term) at which it may: the
    // last entry at or below m.index whose term is at most m.logTerm. Entries of later terms
    // above it all conflict, so the leader can skip them in one round trip (etcd's
    // findConflictByTerm). m.index >= committed here, so the hint is not below committed.
    long hintIndex = raftLog.findConflictByTerm(Math.min(m.index(), raftLog.lastIndex()), m.logTerm());
    r.send(MessageBuilder.of(MessageType.APP_RESP, m.from()).index(m.index()).reject(true)
        .rejectHint(hintIndex).logTerm(raftLog.zeroTermOnCompacted(hintIndex)));
  }

  void handleHeartbeat(Message m) {
    raftLog.commitTo(m.commit());
    r.send(MessageBuilder.of(MessageType.HEARTBEAT_RESP, m.from()).context(m.context()));
  }

  void handleSnapshot(Message m) {
    if (restore(m.snapshot())) {
      r.send(MessageBuilder.of(MessageType.APP_RESP, m.from()).index(raftLog.lastIndex()));
    } else {
      r.send(MessageBuilder.of(MessageType.APP_RESP, m.from()).index(raftLog.committed));
    }
  }

  private boolean restore(Snapshot s) {
    SnapshotMetadata meta = s.metadata();
    if (meta.index() <= raftLog.committed) {
      return false;
    }
    if (raftLog.matchTerm(meta.index(), meta.term())) {
      // We already hold the snapshot's last entry: just fast-forward the commit index.
      raftLog.commitTo(meta.index());
      return false;
    }
    raftLog.restore(s);
    // The snapshot's configuration, learners included, replaces ours.
    r.membership.install(meta.confState());
    return true;
  }
}
