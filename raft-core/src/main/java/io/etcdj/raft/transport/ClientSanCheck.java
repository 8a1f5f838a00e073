package io.etcdj.raft.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * etcd's checkSAN on accepted peer connections (pkg/transport/listener_tls.go): once the TLS
 * handshake is done, a client certificate that lists IP addresses or DNS names must name the
 * address the connection comes from: one of its IPs, or a DNS name that resolves to it (or that
 * the address's reverse name matches). A certificate without either passes, as does a connection
 * without a client certificate. {@code --experimental-peer-skip-client-san-verification} leaves
 * this handler out. One per channel, on its event loop; DNS names are resolved there, as etcd's
 * accept goroutine resolves them (only certificates listing DNS names but not the peer's IP
 * reach that).
 */
final class ClientSanCheck extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ClientSanCheck.class);
  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  @Override public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
      ctx.pipeline().remove(this);
      String refusal = refusal(ctx);
      if (refusal != null) {
        log.info("rejected connection from {} (error \"{}\")", ctx.channel().remoteAddress(), refusal);
        ctx.close();
        return;
      }
    }
    ctx.fireUserEventTriggered(event);
  }

  /** Why the client certificate does not name the remote address, or null if it does. */
  private static String refusal(ChannelHandlerContext ctx) {
    SslHandler tls = ctx.pipeline().get(SslHandler.class);
    Certificate[] chain;
    try {
      chain = tls.engine().getSession().getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return null; // no client certificate was asked for
    }
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
      return null;
    }
    InetAddress remote = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
    return refusal(leaf, remote);
  }

  static String refusal(X509Certificate leaf, InetAddress remote) {
    List<String> ips = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          int type = (Integer) san.get(0);
          if (type == SAN_IP) {
            ips.add((String) san.get(1));
          } else if (type == SAN_DNS) {
            names.add(((String) san.get(1)).toLowerCase(Locale.ROOT));
          }
        }
      }
    } catch (CertificateParsingException e) {
      return "x509: " + e.getMessage();
    }
    if (ips.isEmpty() && names.isEmpty()) {
      return null;
    }
    for (String ip : ips) {
      if (sameAddress(ip, remote)) {
        return null;
      }
    }
    if (names.isEmpty()) {
      return "x509: certificate is valid for " + String.join(", ", ips) + ", not " + remote.getHostAddress();
    }
    String reverse = remote.getCanonicalHostName().toLowerCase(Locale.ROOT);
    for (String name : names) {
      if (name.equals(reverse) || (name.startsWith("*.") && reverse.endsWith(name.substring(1)))) {
        return null;
      }
      if (!name.startsWith("*.") && resolvesTo(name, remote)) {
        return null;
      }
    }
    return "tls: \"" + remote.getHostAddress() + "\" does not match any of DNSNames " + names;
  }

  private static boolean sameAddress(String ip, InetAddress remote) {
    try {
      return InetAddress.getByName(ip).equals(remote);
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean resolvesTo(String name, InetAddress remote) {
    try {
      for (InetAddress address : InetAddress.getAllByName(name)) {
        if (address.equals(remote)) {
          return true;
        }
      }
    } catch (UnknownHostException e) {
      return false;
    }
    return false;
  }
}
