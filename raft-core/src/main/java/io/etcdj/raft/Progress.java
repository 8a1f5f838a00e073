package io.etcdj.raft;

/**
 * The leader's view of one follower or learner (etcd's tracker.Progress). Invariant: match < next.
 * Owned by the Raft thread; match, next and the flow-control state are only meaningful while this
 * node leads, the learner flag always (it is part of the configuration).
 */
final class Progress {
  enum State {
    /** Unknown match: one append at a time, waiting for its answer (or a heartbeat). */
    PROBE,
    /** Optimistically streaming appends, bounded by the inflights window. */
    REPLICATE,
    /** A snapshot is on its way; appends wait until it is reported applied. */
    SNAPSHOT
  }

  long match;
  long next;
  State state = State.PROBE;
  /** Index of the snapshot sent while in SNAPSHOT. */
  long pendingSnapshot;
  /** Heard from since the last check-quorum round. */
  boolean recentActive;
  /** In PROBE: an append was sent and no answer yet, so pause. */
  boolean probeSent;
  /**
   * A learner receives the log but neither votes nor counts towards any quorum. Promotion to voter
   * clears it and keeps the rest of the progress, so replication goes on where it was.
   */
  boolean learner;
  final Inflights inflights;

  Progress(long match, long next, int maxInflight) {
    this.match = match;
    this.next = next;
    this.inflights = new Inflights(maxInflight);
  }

  private void resetState(State newState) {
    probeSent = false;
    pendingSnapshot = 0;
    state = newState;
    inflights.reset();
  }

  void becomeProbe() {
    if (state == State.SNAPSHOT) {
      // Resume right after the snapshot if it went through; otherwise after what we know matches.
      long pending = pendingSnapshot;
      resetState(State.PROBE);
      next = Math.max(match + 1, pending + 1);
    } else {
      resetState(State.PROBE);
      next = match + 1;
    }
  }

  void becomeReplicate() {
    resetState(State.REPLICATE);
    next = match + 1;
  }

  void becomeSnapshot(long snapshotIndex) {
    resetState(State.SNAPSHOT);
    pendingSnapshot = snapshotIndex;
  }

  /** Records an acknowledgement up to {@code n}; false if it was stale. */
  boolean maybeUpdate(long n) {
    boolean updated = false;
    if (match < n) {
      match = n;
      updated = true;
      probeSent = false;
    }
    next = Math.max(next, n + 1);
    return updated;
  }

  void optimisticUpdate(long n) { next = n + 1; }

  /**
   * Handles a rejected append at {@code rejected}; {@code matchHint} is the highest index at
   * which the logs may still match (the follower's last index, or better, the end of the last
   * term both logs may share). Returns false when the rejection is stale (an answer to an older
   * append). Never moves next to or below match: what the follower acknowledged stays.
   */
  boolean maybeDecrTo(long rejected, long matchHint) {
    if (state == State.REPLICATE) {
      if (rejected <= match) {
        return false;
      }
      next = match + 1;
      return true;
    }
    if (next - 1 != rejected) {
      return false;
    }
    next = Math.max(Math.min(rejected, matchHint + 1), match + 1);
    probeSent = false;
    return true;
  }

  boolean isPaused() {
    return switch (state) {
      case PROBE -> probeSent;
      case REPLICATE -> inflights.full();
      case SNAPSHOT -> true;
    };
  }

  @Override public String toString() {
    return "Progress{" + state + (learner ? " learner" : "") + " match=" + match + " next=" + next + "}";
  }
}
