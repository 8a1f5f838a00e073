package io.etcdj.server;

/** A proposal or read barrier could not be completed; carries the etcd error to answer with. */
public final class ServerUnavailableException extends RuntimeException {
  public ServerUnavailableException(String message) { super(message, null, false, false); }
}
