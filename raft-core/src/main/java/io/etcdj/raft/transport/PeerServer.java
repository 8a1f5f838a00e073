package io.etcdj.raft.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accepting side: listens on {@code --listen-peer-urls} and gives each accepted connection
 * its pipeline (security, idle check, framing, {@link InboundHandshake}). Listener channels are
 * bound once in {@link #bind} and closed in {@link #close}; accepted ones are tracked by
 * {@link InboundChannels}.
 */
final class PeerServer {
  private static final Logger log = LoggerFactory.getLogger(PeerServer.class);

  private final TransportContext ctx;
  private final KnownPeers known;
  private final InboundChannels channels = new InboundChannels();
  private final Set<Long> unknownLogged = ConcurrentHashMap.newKeySet();
  private final List<Channel> listeners = new ArrayList<>();

  PeerServer(TransportContext ctx, KnownPeers known) {
    this.ctx = ctx;
    this.known = known;
  }

  KnownPeers known() { return known; }

  InboundChannels channels() { return channels; }

  /** Binds every listen URL, or throws (having closed what it bound) if one cannot be bound. */
  List<InetSocketAddress> bind(PeerEventLoops loops) {
    PeerTransportConfig config = ctx.config();
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(loops.group())
        .channel(PeerEventLoops.serverChannel())
        .option(ChannelOption.SO_REUSEADDR, true)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, Dialer.WATER_MARK);
    List<InetSocketAddress> bound = new ArrayList<>();
    for (URI url : config.listenUrls()) {
      try {
        Channel listener = bootstrap.clone().childHandler(pipelineFor(url))
            .bind(url.getHost(), url.getPort()).syncUninterruptibly().channel();
        listeners.add(listener);
        bound.add((InetSocketAddress) listener.localAddress());
      } catch (Exception e) {
        close();
        throw new IllegalStateException("cannot listen for peers on " + url, e);
      }
    }
    log.info("member {} listening for peers on {} ({})", Long.toHexString(ctx.memberId()), bound,
        PeerEventLoops.kind());
    return List.copyOf(bound);
  }

  /** An accepted connection's pipeline: security as {@code listenUrl}'s scheme asks, then framing. */
  private ChannelInitializer<SocketChannel> pipelineFor(URI listenUrl) {
    PeerTransportConfig config = ctx.config();
    return new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        channels.track(ch);
        config.security().secureAccepted(ch, listenUrl);
        ch.pipeline().addLast(
            new IdleStateHandler(config.peerTimeout().toNanos(), 0, 0, TimeUnit.NANOSECONDS),
            new FrameDecoder(config.maxFrameBytes()), ctx.encoder(),
            new InboundHandshake(ctx, PeerServer.this));
      }
    };
  }

  void logUnknownOnce(long sender) {
    if (unknownLogged.add(sender)) {
      log.info("accepting {}, not (yet) a peer of this member: a joining member?",
          Long.toHexString(sender));
    }
  }

  /** Stops listening and closes every accepted connection. */
  void close() {
    for (Channel listener : listeners) {
      listener.close().syncUninterruptibly();
    }
    listeners.clear();
    channels.closeAll();
  }
}
