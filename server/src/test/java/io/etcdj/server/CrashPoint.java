package io.etcdj.server;

/**
 * Where a simulated member's process can be killed while its Raft loop handles a Ready, or while
 * its apply and snapshot threads work. The order of a Ready (see {@link RaftDriver}) is: the
 * leader's appends out, a leader's snapshot saved, the log written (and synced), the other
 * messages out, conf changes saved, the hand-off to apply; each point below sits between two of
 * those steps, so a crash can land after the leader's sends and before its fsync, after the fsync
 * and before the votes that promise it, before the hand-off, or between two applied entries.
 */
enum CrashPoint {
  /** In a send: the messages before this one went out, this one and the rest never will. */
  SEND,
  /** A Ready's log write is about to start: the leader's appends may be out, none of it is durable. */
  BEFORE_LOG_WRITE,
  /** A Ready's log write is done (synced if it had to be); the messages that promise it are not out. */
  AFTER_LOG_WRITE,
  /** A snapshot (the leader's, or one this member took) is about to be saved to the snapshot store. */
  BEFORE_SNAPSHOT_SAVE,
  /** The configuration after a committed conf change is about to be saved. */
  BEFORE_CONF_STATE_SAVE,
  /** Committed entries (and confirmed reads) are about to be handed to the apply thread. */
  BEFORE_APPLY_HANDOFF,
  /** Between two entries the apply thread applies: the store holds part of a batch. */
  MID_APPLY,
  /** The log is about to be compacted behind a saved snapshot. */
  BEFORE_COMPACTION
}
