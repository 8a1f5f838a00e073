package io.etcdj.raft;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The leader's outbound replication: appends (or a snapshot when the entries a follower needs are
 * compacted) and heartbeats, paced by each follower's {@link Progress}. Owned by the Raft thread,
 * as part of {@link RaftProtocol}.
 */
final class Replication {
  private final long id;
  private final RaftLog raftLog;
  private final ProgressTracker prs;
  private final long maxMsgBytes;
  private final Consumer<MessageBuilder> send;

  Replication(long id, RaftLog raftLog, ProgressTracker prs, long maxMsgBytes,
              Consumer<MessageBuilder> send) {
    this.id = id;
    this.raftLog = raftLog;
    this.prs = prs;
    this.maxMsgBytes = maxMsgBytes;
    this.send = send;
  }

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
    send.accept(MessageBuilder.of(MessageType.APP, to).index(pr.next - 1).logTerm(prevTerm)
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
    send.accept(MessageBuilder.of(MessageType.SNAP, to).snapshot(snap));
    pr.becomeSnapshot(snap.metadata().index());
    return true;
  }

  void bcastAppend() {
    for (long peer : prs.progress.keySet()) {
      if (peer != id) {
        sendAppend(peer, true);
      }
    }
  }

  void bcastHeartbeat(byte[] ctx) {
    for (Map.Entry<Long, Progress> e : prs.progress.entrySet()) {
      if (e.getKey() == id) {
        continue;
      }
      // Never tell a follower to commit beyond what it is known to hold.
      long commit = Math.min(e.getValue().match, raftLog.committed);
      send.accept(MessageBuilder.of(MessageType.HEARTBEAT, e.getKey()).commit(commit).context(ctx));
    }
  }
}
