package io.etcdj.raft.transport;

import io.netty.channel.socket.SocketChannel;
import java.net.URI;

/**
 * Where TLS plugs into the peer connections: each method may add an {@code SslHandler} at the
 * head of a new channel's pipeline, before any framing. {@link #PLAINTEXT} serves
 * {@code http://} URLs only; {@link TlsChannelSecurity} serves {@code https://} ones with TLS and
 * {@code http://} ones in clear, as etcd does with a mix of peer URLs.
 */
public interface ChannelSecurity {
  /** Plain TCP: {@code http://} peer URLs only. */
  ChannelSecurity PLAINTEXT = new ChannelSecurity() {
    @Override public boolean serves(String scheme) { return scheme.equals("http"); }
    @Override public void secureAccepted(SocketChannel channel, URI listenUrl) { }
    @Override public void secureDialed(SocketChannel channel, URI peerUrl) { }
  };

  /** Whether URLs with this scheme ({@code http}, {@code https}) can be listened on. */
  boolean serves(String scheme);

  /** Prepares a connection a peer dialed to this member on {@code listenUrl}. */
  void secureAccepted(SocketChannel channel, URI listenUrl);

  /** Prepares a connection this member dials to {@code peerUrl}. */
  void secureDialed(SocketChannel channel, URI peerUrl);
}
