package io.etcdj.raft;

/**
 * A proposal could not be accepted now: no leader known, leadership is being transferred, or the
 * leader's uncommitted tail is at its bound ({@link RaftConfig#maxUncommittedEntriesBytes()}).
 * The caller may retry later or fail the request.
 */
public final class ProposalDroppedException extends Exception {
  public ProposalDroppedException(String message) { super(message, null, false, false); }
}
