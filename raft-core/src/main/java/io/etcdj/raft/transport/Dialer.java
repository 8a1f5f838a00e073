package io.etcdj.raft.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.URI;

/**
 * Opens this member's connections to peers, each on the event loop of the peer it reaches, so
 * that loop alone owns everything about that peer's outbound side.
 */
final class Dialer {
  /**
   * Writes pile up to 2 MiB in a channel before it reports itself unwritable and our own bounded
   * queue takes over; back below 512 KiB it is writable again.
   */
  static final WriteBufferWaterMark WATER_MARK =
      new WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024);

  private Dialer() { }

  /**
   * Connects to {@code url}. The pipeline: security (TLS for https), {@code idle}, framing, then
   * {@code handler}. The caller watches the returned future and the channel's close future.
   */
  static ChannelFuture dial(TransportContext ctx, EventLoop loop, URI url, IdleStateHandler idle,
                            ChannelHandler handler) {
    PeerTransportConfig config = ctx.config();
    Bootstrap bootstrap = new Bootstrap()
        .group(loop)
        .channel(PeerEventLoops.socketChannel())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.dialTimeout().toMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            config.security().secureDialed(ch, url);
            ch.pipeline().addLast(idle, new FrameDecoder(config.maxFrameBytes()), ctx.encoder(),
                handler);
          }
        });
    return bootstrap.connect(url.getHost(), url.getPort());
  }
}
