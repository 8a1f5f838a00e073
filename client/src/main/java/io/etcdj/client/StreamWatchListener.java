package io.etcdj.client;

/**
 * Receives the events of a {@code stream=true} watch, in order, on the HTTP client's thread:
 * do not block in it.
 */
public interface StreamWatchListener {
  void onEvent(Response event);

  /** The watch failed (connection lost, or the server answered an error such as 401). */
  default void onError(Throwable error) {}

  /** The server ended the stream. */
  default void onClose() {}
}
