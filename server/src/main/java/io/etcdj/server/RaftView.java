package io.etcdj.server;

import io.etcdj.raft.RaftStatus;
import io.etcdj.raft.SoftState;
import io.etcdj.raft.StateRole;

/**
 * The Raft state other threads may read (headers, stats, health, the publisher): written by the
 * thread that drives the {@link RaftDriver} after each Ready, read by any thread without locks.
 * Each field is individually current; together they are a recent, not an atomic, picture.
 */
final class RaftView {
  private volatile RaftStatus status;
  private volatile java.util.Map<Long, io.etcdj.raft.FollowerProgress> progress = java.util.Map.of();
  private volatile long leaderId;
  private volatile StateRole role = StateRole.FOLLOWER;
  private volatile long leaderSinceMs;

  RaftView(RaftStatus initial) {
    this.status = initial;
  }

  void update(RaftStatus now) { status = now; }

  /** The followers' progress while leading (refreshed once a tick), empty otherwise. */
  void progress(java.util.Map<Long, io.etcdj.raft.FollowerProgress> now) { progress = now; }

  java.util.Map<Long, io.etcdj.raft.FollowerProgress> progress() { return progress; }

  void softState(SoftState soft, long nowMs) {
    if (soft.leaderId() != leaderId && soft.leaderId() != 0) {
      leaderSinceMs = nowMs;
    }
    leaderId = soft.leaderId();
    role = soft.role();
  }

  RaftStatus status() { return status; }
  long commitIndex() { return status.commit(); }
  long term() { return status.term(); }
  long leaderId() { return leaderId; }
  StateRole role() { return role; }
  /** Wall time at which the current leader was first seen, for /v2/stats/self. */
  long leaderSinceMs() { return leaderSinceMs; }
}
