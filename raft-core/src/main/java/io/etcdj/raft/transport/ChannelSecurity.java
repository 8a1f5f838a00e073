package io.etcdj.raft.transport;

import io.netty.channel.socket.SocketChannel;
import java.net.URI;

/**
 * Where TLS plugs into the peer connections: each method may add an {@code SslHandler} at the
 * head of a new channel's pipeline, before any framing. Only {@link #PLAINTEXT} exists yet (the
 * TLS issue adds a second implementation, built from the peer certificate flags).
 */
public interface ChannelSecurity {
  /** Plain TCP: {@code http://} peer URLs only. */
  ChannelSecurity PLAINTEXT = new ChannelSecurity() {
    @Override public String scheme() { return "http"; }
    @Override public void secureAccepted(SocketChannel channel) { }
    @Override public void secureDialed(SocketChannel channel, URI peerUrl) { }
  };

  /** The URL scheme this security serves ({@code http} or {@code https}). */
  String scheme();

  /** Prepares a connection a peer dialed to this member. */
  void secureAccepted(SocketChannel channel);

  /** Prepares a connection this member dials to {@code peerUrl}. */
  void secureDialed(SocketChannel channel, URI peerUrl);
}
