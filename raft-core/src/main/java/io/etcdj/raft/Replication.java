package io.etcdj.raft;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The leader's side of replication: appends (or a snapshot when the entries a member needs are
 * compacted) and heartbeats, paced by each member's {@link Progress}, and what the leader makes
 * of the answers. Followers and learners are replicated to alike. Part of {@link RaftProtocol},
 * owned by the Raft thread.
 */
final class Replication {
  private final RaftProtocol r;
  private final RaftLog raftLog;
  private final ProgressTracker prs;
  private final long maxMsgBytes;

  Replication(RaftProtocol r, long maxMsgBytes) {
    this.r = r;
    this.raftLog = r.raftLog;
    this.prs = r.prs;
    this.maxMsgBytes = maxMsgBytes;
  }

  // ---- sending ------------------------------------------------------------------------------

  /** Sends an append (or a snapshot) to {@code to}; false if nothing was sent. */
  boolean sendAppend(long to, boolean sendIfEmpty) {
    Progress pr = prs.get(to);
    if (pr == null || pr.isPaused()) {
      return false;
    }
    long prevTerm = raftLog.term(pr.next - 1);
    List<Entry> ents = null;
    if (prevTerm >= 0) {
      try {
        ents = raftLog.entries(pr.next, maxMsgBytes);
      } catch (RaftLog.CompactedException e) {
        ents = null;
      }
    }
    if (ents != null && ents.isEmpty() && !sendIfEmpty) {
      return false;
    }
    if (ents == null) {
      return sendSnapshot(to, pr);
    }
    // RaftLog.entries builds a fresh list per call: shareable without a copy.
    ents = ents.isEmpty() ? List.of() : Collections.unmodifiableList(ents);
    r.send(MessageBuilder.of(MessageType.APP, to).index(pr.next - 1).logTerm(prevTerm)
        .entries(ents).commit(raftLog.committed));
    if (!ents.isEmpty()) {
      switch (pr.state) {
        case REPLICATE -> {
          long last = ents.get(ents.size() - 1).index();
          pr.optimisticUpdate(last);
          pr.inflights.add(last);
        }
        case PROBE -> pr.probeSent = true;
        default -> throw new IllegalStateException("append while " + pr.state);
      }
    }
    return true;
  }

  private boolean sendSnapshot(long to, Progress pr) {
    if (!pr.recentActive) {
      return false;
    }
    Snapshot snap = raftLog.snapshot();
    if (snap.isEmpty() || snap.data().length == 0) {
      // None yet, or only its metadata is at hand: sending that would wipe the follower's state.
      return false;
    }
    r.send(MessageBuilder.of(MessageType.SNAP, to).snapshot(snap));
    pr.becomeSnapshot(snap.metadata().index());
    return true;
  }

  void bcastAppend() {
    for (long peer : prs.progress.keySet()) {
      if (peer != r.id) {
        sendAppend(peer, true);
      }
    }
  }

  void bcastHeartbeat(byte[] ctx) {
    for (Map.Entry<Long, Progress> e : prs.progress.entrySet()) {
      if (e.getKey() == r.id) {
        continue;
      }
      // Never tell a follower to commit beyond what it is known to hold.
      long commit = Math.min(e.getValue().match, raftLog.committed);
      r.send(MessageBuilder.of(MessageType.HEARTBEAT, e.getKey()).commit(commit).context(ctx));
    }
  }

  // ---- answers ------------------------------------------------------------------------------

  void handleAppendResponse(Message m, Progress pr) {
    pr.recentActive = true;
    if (m.reject()) {
      if (pr.maybeDecrTo(m.index(), nextProbeHint(m))) {
        if (pr.state == Progress.State.REPLICATE) {
          pr.becomeProbe();
        }
        sendAppend(m.from(), true);
      }
      return;
    }
    boolean wasPaused = pr.isPaused();
    if (!pr.maybeUpdate(m.index())) {
      return;
    }
    switch (pr.state) {
      case PROBE -> pr.becomeReplicate();
      case SNAPSHOT -> {
        if (pr.match >= pr.pendingSnapshot) {
          pr.becomeProbe();
          pr.becomeReplicate();
        }
      }
      case REPLICATE -> pr.inflights.freeLE(m.index());
    }
    if (r.maybeCommit()) {
      // Followers learn the new commit index with the next Ready's appends: every answer drained
      // in one loop iteration then costs one broadcast, not one each, and under load the new
      // commit rides on the entries that are being sent anyway.
      r.broadcastSoon();
    } else if (wasPaused) {
      sendAppend(m.from(), true);
    }
    // Keep streaming while the window allows and entries remain.
    while (sendAppend(m.from(), false)) {
      // each call sends one more batch
    }
    if (m.from() == r.leadTransferee && pr.match == raftLog.lastIndex()) {
      r.send(MessageBuilder.of(MessageType.TIMEOUT_NOW, m.from()));
    }
  }

  /**
   * Where the logs may still match, from a rejection: the follower's hint is the last index in
   * its log, at or below the one we probed, whose term is at most the term we sent there
   * ({@code logTerm} being that entry's term). Every entry of ours above the last one of a term
   * at most that term cannot match either, so one round trip skips a whole divergent term on
   * each side instead of one entry. A hint of term 0 (an old follower, or a compacted entry)
   * is taken as an index only.
   */
  private long nextProbeHint(Message m) {
    long hint = Math.min(m.rejectHint(), raftLog.lastIndex());
    if (m.logTerm() > 0) {
      hint = raftLog.findConflictByTerm(hint, m.logTerm());
    }
    return hint;
  }

  void handleHeartbeatResponse(Message m, Progress pr) {
    pr.recentActive = true;
    pr.probeSent = false;
    if (pr.state == Progress.State.REPLICATE && pr.inflights.full()) {
      pr.inflights.freeFirstOne();
    }
    if (pr.match < raftLog.lastIndex()) {
      sendAppend(m.from(), true);
    }
  }

  void handleSnapshotStatus(Message m, Progress pr) {
    if (pr.state != Progress.State.SNAPSHOT) {
      return;
    }
    if (m.reject()) {
      pr.pendingSnapshot = 0;
    }
    pr.becomeProbe();
    // Wait for the next heartbeat response (or the follower's append response) to resume.
    pr.probeSent = true;
  }
}
