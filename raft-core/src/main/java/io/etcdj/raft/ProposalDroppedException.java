package io.etcdj.raft;

/** A proposal could not be accepted now (no leader known, or leadership is being transferred). */
public final class ProposalDroppedException extends Exception {
  public ProposalDroppedException(String message) { super(message, null, false, false); }
}
