package io.etcdj.http;

import java.net.URI;
import java.util.List;

/** A running member: storage, Raft loop, store and HTTP listeners. */
public final class EtcdjServer implements AutoCloseable {
  /** Starts a member and returns once it serves (leader elected for a single member). */
  public static EtcdjServer start(ServerConfig config) { throw new UnsupportedOperationException("skeleton"); }

  /** The client URLs actually bound (a port 0 in --listen-client-urls resolved to the real port). */
  public List<URI> clientUrls() { throw new UnsupportedOperationException("skeleton"); }

  /** Stops listeners and the Raft loop and closes storage. */
  @Override public void close() { throw new UnsupportedOperationException("skeleton"); }
}
