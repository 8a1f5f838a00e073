package io.etcdj.http;

import io.etcdj.http.auth.AuthGate;
import io.etcdj.http.auth.AuthState;
import io.etcdj.http.tls.TlsContexts;
import io.etcdj.http.tls.TlsInfo;
import io.etcdj.raft.transport.ChannelSecurity;
import io.etcdj.raft.transport.TlsChannelSecurity;
import io.etcdj.server.ClusterIdentity;
import io.etcdj.server.EtcdServer;
import io.etcdj.server.MemberConfig;
import io.etcdj.server.ServerV2;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running member as a process serves it: the member runtime and its HTTP client listeners. */
public final class EtcdjServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EtcdjServer.class);

  private final EtcdServer member;
  private final HttpServer http;
  private boolean closed;

  private EtcdjServer(EtcdServer member, HttpServer http) {
    this.member = member;
    this.http = http;
  }

  /**
   * Starts a member and returns once it serves (for a cluster of one, once it has published its
   * attributes; a member of a larger cluster returns once it listens and goes on waiting for its
   * peers). A failed Raft or apply thread, or this member's removal, end the process.
   */
  public static EtcdjServer start(ServerConfig config) {
    return start(config, error -> exitSoon(1), () -> exitSoon(0));
  }

  /** As {@link #start(ServerConfig)}, with what to do when the member dies or is removed (for tests). */
  public static EtcdjServer start(ServerConfig config, Consumer<Throwable> onFatal, Runnable onRemoved) {
    // TLS files are read before anything is opened: a bad one stops the member with etcd's message.
    Optional<SslContext> clientTls = clientTls(config);
    MemberConfig memberConfig = config.memberConfig().withPeerSecurity(peerSecurity(config));
    // The publisher needs the advertised URLs, which may carry ports bound from port 0: the list
    // is filled once the listeners are up, before the member starts.
    List<URI> clientUrls = new ArrayList<>();
    EtcdServer member = EtcdServer.create(memberConfig, clientUrls, onFatal, onRemoved);
    HttpServer http = null;
    try {
      ServerV2 server = member.server();
      AuthGate auth = new AuthGate(new AuthState(server));
      http = new HttpServer(config.listenClientUrls(),
          new HttpRouter(new KeysHandler(server, auth), server, config.strictReconfigCheck(), auth),
          server.metrics(), config.maxClientConnections(), clientTls);
      clientUrls.addAll(config.advertiseClientUrlsGiven() ? config.advertiseClientUrls() : http.boundUrls());
      member.start();
      long timeoutMs = memberConfig.requestTimeout().toMillis();
      boolean published = member.awaitPublished(timeoutMs, TimeUnit.MILLISECONDS);
      if (!published && memberConfig.initialCluster().size() == 1 && !memberConfig.initialClusterExisting()) {
        throw new IllegalStateException("member did not start serving: no leader or attributes not published");
      }
      EtcdjServer started = new EtcdjServer(member, http);
      LOG.info("{} client requests on {} as member {} of cluster {} ({} ms after launch)",
          published ? "ready to serve" : "listening for (waiting for its peers to serve)", http.boundUrls(),
          ClusterIdentity.hex(member.memberId()), ClusterIdentity.hex(member.clusterId()),
          ProcessHandle.current().info().startInstant()
              .map(t -> java.time.Duration.between(t, Instant.now()).toMillis()).orElse(-1L));
      return started;
    } catch (RuntimeException e) {
      if (http != null) {
        http.close();
      }
      member.close();
      throw e;
    }
  }

  /** The client listeners' TLS context, when a listen URL is https (auto-tls made first, as etcd makes it). */
  private static Optional<SslContext> clientTls(ServerConfig config) {
    TlsInfo info = TlsContexts.resolve(config.clientTls(), config.dataDir(), config.listenClientUrls(), false);
    warnIgnoredForHttp("client", config.listenClientUrls(), info);
    if (config.listenClientUrls().stream().noneMatch(u -> u.getScheme().equals("https"))) {
      return Optional.empty();
    }
    LOG.info("ClientTLS: {}", info);
    return Optional.of(TlsContexts.server(info));
  }

  /** TLS for https peer URLs when peer certificates are given (or made), plain TCP otherwise. */
  private static ChannelSecurity peerSecurity(ServerConfig config) {
    TlsInfo info = TlsContexts.resolve(config.peerTls(), config.dataDir(), config.listenPeerUrls(), true);
    warnIgnoredForHttp("peer", config.listenPeerUrls(), info);
    if (info.empty()) {
      return ChannelSecurity.PLAINTEXT;
    }
    LOG.info("peerTLS: {}", info);
    return new TlsChannelSecurity(TlsContexts.server(info), TlsContexts.client(info), config.peerClientSanCheck());
  }

  private static void warnIgnoredForHttp(String side, List<URI> urls, TlsInfo info) {
    for (URI url : urls) {
      if (url.getScheme().equals("http") && !info.empty()) {
        LOG.warn("scheme is HTTP while key and cert files are present; ignoring key and cert files ({} url {})",
            side, url);
      }
    }
  }

  /** Exits from another thread: the caller may be a thread the shutdown hook waits for. */
  private static void exitSoon(int code) {
    Thread exit = new Thread(() -> System.exit(code), "etcdj-exit");
    exit.setDaemon(false);
    exit.start();
  }

  /** The client URLs actually bound (a port 0 in --listen-client-urls resolved to the real port). */
  public List<URI> clientUrls() { return http.boundUrls(); }

  /** What the HTTP handlers serve from (for tests and embedding). */
  public ServerV2 server() { return member.server(); }

  public long memberId() { return member.memberId(); }

  public long clusterId() { return member.clusterId(); }

  /** Stops listeners, then the member (a leader hands over its leadership first). */
  @Override public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    member.handOverLeadership(); // while clients are still served
    http.close();
    member.close();
    LOG.info("stopped");
  }
}
