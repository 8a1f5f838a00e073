package io.etcdj.raft.storage;

/**
 * The disk failed under the log. Not recoverable by the caller: a member that cannot persist must
 * stop rather than acknowledge anything.
 */
public final class RaftStorageException extends RuntimeException {
  public RaftStorageException(String message, Throwable cause) { super(message, cause); }
}
