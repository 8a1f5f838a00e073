package io.etcdj.raft.transport;

import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.URI;

/**
 * Peer TLS (etcd's {@code --peer-cert-file} and friends): {@code https://} URLs get an
 * {@code SslHandler} first in the pipeline, on both accepted and dialed connections;
 * {@code http://} ones stay in clear (etcd ignores the peer certificates for them). The contexts
 * say what is verified: the dialing side checks the peer's chain and, unless the certificate was
 * made by {@code --peer-auto-tls}, that it names the host dialed (Go's client checks the same);
 * the accepting side asks for a client certificate when a trusted CA or client-cert-auth is set.
 * Immutable; the contexts are shared by every connection.
 *
 * @param server the context for accepted connections
 * @param client the context for dialed connections (it carries this member's certificate, which
 *     a peer asking for client certificates gets)
 * @param checkClientSan etcd's default: a client certificate that lists IP or DNS names must
 *     name the address the connection comes from ({@link ClientSanCheck})
 */
public record TlsChannelSecurity(SslContext server, SslContext client, boolean checkClientSan)
    implements ChannelSecurity {

  @Override public boolean serves(String scheme) {
    return scheme.equals("https") || scheme.equals("http");
  }

  @Override public void secureAccepted(SocketChannel channel, URI listenUrl) {
    if (!listenUrl.getScheme().equals("https")) {
      return;
    }
    channel.pipeline().addLast("tls", server.newHandler(channel.alloc()));
    channel.pipeline().addLast("tls-refusal", TlsRefusalHandler.ACCEPTED);
    if (checkClientSan) {
      channel.pipeline().addLast("tls-client-san", new ClientSanCheck());
    }
  }

  @Override public void secureDialed(SocketChannel channel, URI peerUrl) {
    if (!peerUrl.getScheme().equals("https")) {
      return;
    }
    channel.pipeline().addLast("tls", client.newHandler(channel.alloc(), peerUrl.getHost(), peerUrl.getPort()));
    channel.pipeline().addLast("tls-refusal", TlsRefusalHandler.DIALED);
  }
}
