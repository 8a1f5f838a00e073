package io.etcdj.raft.transport;

import io.etcdj.raft.Message;
import io.etcdj.raft.MessageType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Transport} over TCP (etcd's rafthttp, rebuilt on Netty and protobuf). Per peer this
 * member dials a control lane (votes, heartbeats, responses), an append lane (MsgApp) and a
 * connection per MsgSnap; the peer dials the same to us. Each lane has its own bounded queue
 * and connection, so a heartbeat never waits behind appends or a snapshot. A lost connection is
 * dialed again with backoff; while a lane is down its messages are dropped and the peer reported
 * unreachable, as Raft expects of a lossy network.
 *
 * <p>Threads: the transport runs on event loops of its own ({@code etcdj-peer-N}). Each peer's
 * outbound side is owned by one of them; accepted connections by whichever loop accepted them.
 * {@link #send} is called from the Raft thread and never blocks; the peer-set methods from the
 * runtime's thread. What arrives is handed to the {@link RaftInbound} on the event loops.
 */
public final class PeerTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(PeerTransport.class);
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

  private final TransportContext ctx;
  private final PeerEventLoops loops;
  private final KnownPeers known = new KnownPeers();
  private final PeerServer server;
  private final List<InetSocketAddress> listenAddresses;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PeerTransport(TransportContext ctx) {
    this.ctx = ctx;
    this.loops = new PeerEventLoops("etcdj-peer-", ctx.config().eventLoopThreads());
    this.server = new PeerServer(ctx, known);
    List<InetSocketAddress> bound;
    try {
      bound = server.bind(loops);
    } catch (RuntimeException e) {
      loops.shutdown(SHUTDOWN_WAIT);
      throw e;
    }
    this.listenAddresses = bound;
  }

  /** Binds the listen URLs and returns once listening; peers are added with {@link #addPeer}. */
  public static PeerTransport start(PeerTransportConfig config, RaftInbound inbound) {
    return start(config, inbound, TransportHooks.NONE);
  }

  static PeerTransport start(PeerTransportConfig config, RaftInbound inbound,
                             TransportHooks hooks) {
    UnreachableReporter unreachable =
        new UnreachableReporter(inbound, config.unreachableReportInterval().toNanos());
    return new PeerTransport(new TransportContext(config, inbound, unreachable, hooks,
        new FrameEncoder(config.maxFrameBytes())));
  }

  /**
   * Asks the member at {@code peerUrl} for its cluster's description (what its
   * {@link PeerTransportConfig#clusterInfo()} supplies), for a member that joins an existing
   * cluster and knows nothing of it yet. Fails with the member's reason if it serves none, or
   * with a {@link java.util.concurrent.TimeoutException} after {@code timeout}.
   */
  public static CompletableFuture<byte[]> fetchClusterInfo(URI peerUrl, Duration timeout) {
    return ClusterInfoClient.fetch(peerUrl, ChannelSecurity.PLAINTEXT, timeout);
  }

  /** As {@link #fetchClusterInfo(URI, Duration)}, over TLS when {@code peerUrl} is https. */
  public static CompletableFuture<byte[]> fetchClusterInfo(URI peerUrl, ChannelSecurity security,
                                                           Duration timeout) {
    return ClusterInfoClient.fetch(peerUrl, security, timeout);
  }

  public long memberId() { return ctx.memberId(); }

  /** Where the listen URLs were bound (a port 0 in a URL becomes the port chosen). */
  public List<InetSocketAddress> listenAddresses() { return listenAddresses; }

  /** The listen URLs with the ports actually bound: what to advertise when a URL said port 0. */
  public List<URI> boundUrls() {
    List<URI> urls = new ArrayList<>();
    List<URI> configured = ctx.config().listenUrls();
    for (int i = 0; i < configured.size(); i++) {
      URI u = configured.get(i);
      urls.add(URI.create(u.getScheme() + "://" + u.getHost() + ":"
          + listenAddresses.get(i).getPort()));
    }
    return List.copyOf(urls);
  }

  @Override
  public void send(List<Message> messages) {
    if (closed.get()) {
      return;
    }
    // Usually one Ready's messages for a handful of peers: group them, then one hand-off each.
    Map<RemotePeer, List<Message>> batches = new HashMap<>();
    for (Message m : messages) {
      RemotePeer peer = known.peer(m.to());
      if (peer == null) {
        log.debug("dropped {} for {}: not a peer", m.type(), Long.toHexString(m.to()));
        dropped(m);
        continue;
      }
      if (!peer.admit(m)) {
        peer.counters.failed(1);
        dropped(m);
        continue;
      }
      batches.computeIfAbsent(peer, p -> new ArrayList<>()).add(m);
    }
    batches.forEach(RemotePeer::handOff);
  }

  private void dropped(Message m) {
    ctx.unreachable().report(m.to());
    if (m.type() == MessageType.SNAP) {
      ctx.inbound().reportSnapshot(m.to(), true);
    }
  }

  @Override
  public void addPeer(long memberId, List<URI> peerUrls) {
    if (closed.get()) {
      return;
    }
    if (memberId == ctx.memberId()) {
      log.warn("not adding this member ({}) as its own peer", Long.toHexString(memberId));
      return;
    }
    List<URI> urls = checkedUrls(memberId, peerUrls);
    RemotePeer added = known.addIfAbsent(memberId,
        counters -> new RemotePeer(ctx, memberId, urls, loops.next(), counters));
    if (added != null) {
      log.info("added peer {} at {}", Long.toHexString(memberId), urls);
      added.start();
    }
  }

  @Override
  public void updatePeer(long memberId, List<URI> peerUrls) {
    RemotePeer peer = known.peer(memberId);
    if (peer == null || closed.get()) {
      log.warn("not updating {}: not a peer", Long.toHexString(memberId));
      return;
    }
    List<URI> urls = checkedUrls(memberId, peerUrls);
    log.info("peer {} now at {}", Long.toHexString(memberId), urls);
    peer.updateUrls(urls);
  }

  @Override
  public void removePeer(long memberId) {
    RemotePeer peer = known.remove(memberId);
    if (peer != null) {
      log.info("removed peer {}", Long.toHexString(memberId));
      peer.stop();
    }
    server.channels().closeFrom(memberId);
    ctx.unreachable().forget(memberId);
  }

  /** What this member has seen of {@code memberId}; all zero and CLOSED if it is not a peer. */
  @Override public java.util.Optional<PeerStats> linkStats(long memberId) {
    return java.util.Optional.of(stats(memberId));
  }

  public PeerStats stats(long memberId) {
    RemotePeer peer = known.peer(memberId);
    if (peer == null) {
      return PeerStats.notAPeer(memberId);
    }
    return peer.stats(server.channels().count(memberId));
  }

  /** Connections {@code memberId} has open to this member, a peer or not (for tests). */
  int inboundConnections(long memberId) {
    return server.channels().count(memberId);
  }

  /** Every peer's stats, by member id. */
  public Map<Long, PeerStats> stats() {
    Map<Long, PeerStats> all = new LinkedHashMap<>();
    for (RemotePeer peer : known.all()) {
      all.put(peer.id, peer.stats(server.channels().count(peer.id)));
    }
    return Map.copyOf(all);
  }

  /**
   * Closes the listeners and every connection and stops the event loops, waiting for them so
   * the ports are free when this returns. Call it from outside the transport's own threads.
   */
  @Override
  public void close() {
    if (loops.inEventLoop()) {
      throw new IllegalStateException("PeerTransport.close() called on its own event loop");
    }
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (RemotePeer peer : known.all()) {
      peer.stop();
    }
    server.close();
    loops.shutdown(SHUTDOWN_WAIT);
    log.info("peer transport of {} closed", Long.toHexString(ctx.memberId()));
  }

  private List<URI> checkedUrls(long memberId, List<URI> peerUrls) {
    if (peerUrls.isEmpty()) {
      throw new IllegalArgumentException("no peer URL for " + Long.toHexString(memberId));
    }
    ChannelSecurity security = ctx.config().security();
    for (URI url : peerUrls) {
      if (url.getScheme() == null || !security.serves(url.getScheme()) || url.getHost() == null
          || url.getPort() < 0) {
        throw new IllegalArgumentException("peer URL " + url + " of "
            + Long.toHexString(memberId) + " is not host:port with a scheme this member's peer security serves"
            + " (https needs peer certificates)");
      }
    }
    return List.copyOf(peerUrls);
  }
}
