package io.etcdj.http;

import io.etcdj.http.keys.ConnectionDeadlines;
import io.etcdj.http.keys.KeysServerCodec;
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
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client listeners: one Netty server channel per --listen-client-urls address, sharing one
 * event-loop group (epoll when the native transport loads, NIO otherwise). Pipeline per
 * connection: connection limit (ClientConnectionLimit), HTTP/1 sniffer (first request only),
 * HTTP codec (Go's request reading, Netty's encoder, also passing on ready-made keys answers;
 * its header-read and idle deadlines), aggregator, response sequencer, router.
 */
final class HttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final List<Channel> channels = new ArrayList<>();
  private final List<URI> boundUrls = new ArrayList<>();

  /** Counts each limit hit and the open connections in {@code metrics}; see ClientConnectionLimit. */
  HttpServer(List<URI> listenUrls, HttpRouter router, io.etcdj.server.ServerMetrics metrics, int maxClientConnections) {
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
        .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override protected void initChannel(SocketChannel ch) {
            ch.pipeline()
                .addLast("limit", connectionLimit)
                .addLast("sniffer", new Http1Sniffer())
                .addLast("codec", new KeysServerCodec(limitHit, headerReadTimeoutMs, idleTimeoutMs))
                .addLast("aggregator", new BoundedAggregator())
                .addLast("sequencer", new ResponseSequencer())
                .addLast("router", router);
          }
        });
    try {
      for (URI url : listenUrls) {
        InetSocketAddress address = bindAddress(url);
        Channel channel = bootstrap.bind(address).syncUninterruptibly().channel();
        channels.add(channel);
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
        boundUrls.add(URI.create(url.getScheme() + "://" + url.getHost() + ":" + bound.getPort()));
        LOG.info("serving client requests on {} ({})", bound, epoll ? "epoll" : "nio");
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
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
