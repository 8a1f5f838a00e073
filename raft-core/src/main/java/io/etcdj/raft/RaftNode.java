package io.etcdj.raft;

import java.util.List;

/**
 * The Raft protocol as a pure state machine (etcd's RawNode + raft): no threads, no I/O, no
 * clock. Not thread-safe: one thread owns a node and drives it with tick/step/propose, then
 * handles {@link #ready()} and calls {@link #advance(Ready)}.
 */
public final class RaftNode {
  /**
   * A node over {@code storage}. If storage is empty, {@code peers} is the initial configuration
   * (etcd's StartNode: one conf-change entry per peer, term 1, committed); otherwise the node
   * resumes from storage and {@code peers} is ignored.
   */
  public static RaftNode create(RaftConfig config, LogStorage storage, List<Peer> peers) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** One unit of logical time. */
  public void tick() { throw new UnsupportedOperationException("skeleton"); }

  /** Start an election now. */
  public void campaign() { throw new UnsupportedOperationException("skeleton"); }

  /** Appends {@code data} to the log if this node leads (or forwards it to the leader). */
  public void propose(byte[] data) throws ProposalDroppedException { throw new UnsupportedOperationException("skeleton"); }

  /** Handles a message from a peer. */
  public void step(Message message) { throw new UnsupportedOperationException("skeleton"); }

  /** Asks for a ReadIndex; the answer comes as a {@link ReadState} carrying {@code requestCtx}. */
  public void readIndex(byte[] requestCtx) { throw new UnsupportedOperationException("skeleton"); }

  public boolean hasReady() { throw new UnsupportedOperationException("skeleton"); }

  public Ready ready() { throw new UnsupportedOperationException("skeleton"); }

  /** Tells the node the last {@link Ready} has been persisted, sent and applied. */
  public void advance(Ready ready) { throw new UnsupportedOperationException("skeleton"); }

  /** Applies a committed conf change to the configuration; returns the configuration now in force. */
  public ConfState applyConfChange(ConfChange change) { throw new UnsupportedOperationException("skeleton"); }

  public RaftStatus status() { throw new UnsupportedOperationException("skeleton"); }
}
