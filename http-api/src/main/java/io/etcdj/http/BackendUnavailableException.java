package io.etcdj.http;

/** A proposal or read barrier could not be completed; carries the etcd error to answer with. */
public final class BackendUnavailableException extends RuntimeException {
  public BackendUnavailableException(String message) { super(message, null, false, false); }
}
