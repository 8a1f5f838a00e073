package io.etcdj.raft.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right behind an {@code SslHandler}: a connection whose TLS fails (a plain-text request on
 * a TLS port, a client without an accepted certificate, an unknown CA) is closed without a byte
 * in clear, and logged in one line as etcd logs it ("rejected connection from ..."), not as an
 * unexpected error with a stack trace. Other exceptions pass on. Shared by the client listeners
 * and the peer transport; stateless.
 */
@ChannelHandler.Sharable
public final class TlsRefusalHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(TlsRefusalHandler.class);
  /** For connections accepted from clients or peers: every refusal is logged, as etcd logs it. */
  public static final TlsRefusalHandler ACCEPTED = new TlsRefusalHandler(true);
  /** For connections this member dials: the dialer reports its failures itself, so only at debug. */
  static final TlsRefusalHandler DIALED = new TlsRefusalHandler(false);

  private final boolean accepted;

  private TlsRefusalHandler(boolean accepted) {
    this.accepted = accepted;
  }

  @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable tls = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (tls instanceof SSLException) {
      if (accepted) {
        log.info("rejected connection from {} (error \"{}\")", ctx.channel().remoteAddress(), tls.getMessage());
      } else {
        log.debug("TLS with {} failed: {}", ctx.channel().remoteAddress(), tls.getMessage());
      }
      ctx.close();
    } else {
      ctx.fireExceptionCaught(cause);
    }
  }
}
