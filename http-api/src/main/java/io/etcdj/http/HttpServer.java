package io.etcdj.http;

import io.etcdj.http.keys.ConnectionDeadlines;
import io.etcdj.http.keys.KeysServerCodec;
import io.etcdj.raft.transport.TlsRefusalHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client listeners: one Netty server channel per --listen-client-urls address, sharing one
 * event-loop group (epoll when the native transport loads, NIO otherwise). Pipeline per
 * connection: connection limit (ClientConnectionLimit); TLS for https URLs, else the HTTP/1
 * sniffer (first request only); HTTP codec (Go's request reading, Netty's encoder, also passing
 * on ready-made keys answers; its header-read and idle deadlines), aggregator, response
 * sequencer, router.
 */
final class HttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final List<Channel> channels = new ArrayList<>();
  private final List<URI> boundUrls = new ArrayList<>();

  /**
   * Listens on every URL; {@code https://} ones serve TLS with {@code tls} (which the caller
   * gives whenever such a URL is listed), {@code http://} ones serve in clear. Counts each limit
   * hit and the open connections in {@code metrics}; see ClientConnectionLimit.
   */
  HttpServer(List<URI> listenUrls, HttpRouter router, io.etcdj.server.ServerMetrics metrics, int maxClientConnections,
             Optional<SslContext> tls) {
    java.util.function.Consumer<String> limitHit = limit -> metrics.httpLimitHits(limit).increment();
    ClientConnectionLimit connectionLimit = new ClientConnectionLimit(maxClientConnections, limitHit);
    metrics.httpOpenConnections(connectionLimit::open);
    // documented constants (ConnectionDeadlines); the properties let a test see them act quickly
    long headerReadTimeoutMs = Long.getLong("etcdj.headerReadTimeoutMs", ConnectionDeadlines.HEADER_READ_TIMEOUT_MS);
    long idleTimeoutMs = Long.getLong("etcdj.idleTimeoutMs", ConnectionDeadlines.IDLE_TIMEOUT_MS);
    boolean epoll = Epoll.isAvailable();
    boss = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    // One event loop per core: more only adds context switches next to the Raft and apply threads
    // (measured: 2 loops instead of Netty's default 4 gave ~1.4x the PUT and GET throughput on 2 cores).
    workers = new MultiThreadIoEventLoopGroup(Integer.getInteger("etcdj.eventLoopThreads", Runtime.getRuntime().availableProcessors()), epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    Class<? extends ServerSocketChannel> channelType =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(boss, workers)
        .channel(channelType)
        .option(ChannelOption.SO_BACKLOG, 4096)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        // a client that shuts its sending side down still gets its answers (ResponseSequencer)
        .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    try {
      for (URI url : listenUrls) {
        InetSocketAddress address = bindAddress(url);
        boolean secure = url.getScheme().equals("https");
        Optional<SslContext> context = secure ? Optional.of(tls.orElseThrow(
            () -> new IllegalArgumentException("no TLS context for " + url))) : Optional.empty();
        ClientConnectionLimit limit = secure ? connectionLimit.tlsSide() : connectionLimit;
        Channel channel = bootstrap.clone()
            .childHandler(pipeline(router, context, limit, limitHit, headerReadTimeoutMs, idleTimeoutMs))
            .bind(address).syncUninterruptibly().channel();
        channels.add(channel);
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
        boundUrls.add(URI.create(url.getScheme() + "://" + url.getHost() + ":" + bound.getPort()));
        LOG.info("serving client requests on {} ({}{})", bound, epoll ? "epoll" : "nio", secure ? ", TLS" : "");
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * A connection's pipeline. First the connection limit, then in clear: the HTTP/1 sniffer
   * (cmux's matcher in etcd), codec, aggregator, sequencer, router. Over TLS, the TLS handler and
   * its refusal handler come before the codec and there is no sniffer: etcd's cmux looks at the
   * TLS bytes only, and Go's HTTP server inside TLS answers an unparsable request line with its
   * 400, as the codec does (its refusals are written from the codec's place, so through TLS). A
   * plain-text request on a TLS port fails the handshake and is closed without a byte, as etcd
   * 3.4.23 does. The header-read deadline runs from a request's first decrypted byte.
   */
  private static ChannelInitializer<SocketChannel> pipeline(HttpRouter router, Optional<SslContext> tls,
      ClientConnectionLimit limit, java.util.function.Consumer<String> limitHit, long headerReadTimeoutMs,
      long idleTimeoutMs) {
    return new ChannelInitializer<SocketChannel>() {
      @Override protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast("limit", limit);
        if (tls.isPresent()) {
          ch.pipeline().addLast("tls", tls.get().newHandler(ch.alloc()))
              .addLast("tls-refusal", TlsRefusalHandler.ACCEPTED);
        } else {
          ch.pipeline().addLast("sniffer", new Http1Sniffer());
        }
        ch.pipeline()
            .addLast("codec", new KeysServerCodec(limitHit, headerReadTimeoutMs, idleTimeoutMs))
            .addLast("aggregator", new BoundedAggregator())
            .addLast("sequencer", new ResponseSequencer())
            .addLast("router", router);
      }
    };
  }

  /** etcd listens on the URL's host; "localhost" means the loopback address. */
  static InetSocketAddress bindAddress(URI url) {
    String host = url.getHost();
    if (host.equals("localhost")) {
      host = "127.0.0.1";
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new InetSocketAddress(host, url.getPort());
  }

  List<URI> boundUrls() { return List.copyOf(boundUrls); }

  @Override public void close() {
    for (Channel channel : channels) {
      channel.close().syncUninterruptibly();
    }
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
