package io.etcdj.raft.transport;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a {@link PeerTransport} runs. Start from {@link #of(long, long, List)} and change what
 * differs with the {@code with...} methods.
 *
 * @param memberId this member's id (never 0)
 * @param clusterId the cluster's id; a Hello with another is refused
 * @param listenUrls {@code --listen-peer-urls}: each is bound (port 0 picks a free port, see
 *     {@link PeerTransport#listenAddresses()})
 * @param advertisedUrls the URLs other members reach this one at ({@code --initial-advertise-peer-urls}),
 *     sent in every Hello so a member that does not know this one yet can answer it
 * @param queueCapacity messages that may wait per peer and lane (control, append) for the
 *     connection; beyond that they are dropped and the peer reported unreachable (etcd: 4096)
 * @param clusterInfo answers {@link PeerTransport#fetchClusterInfo}: the runtime's members JSON.
 *     Called on an event loop, so it must be quick; what it throws is sent back as the reason
 * @param acceptUnknownPeers whether a Hello from a member that is not (yet) a peer is welcome: a
 *     joining member dials before this member has applied the conf change that adds it
 * @param eventLoopThreads threads of the transport's own event loops ({@code etcdj-peer-N})
 * @param snapshotChunkBytes size of the chunks a snapshot's data is sent in
 * @param maxFrameBytes largest frame sent or accepted (a MsgApp with its entries must fit)
 * @param dialTimeout how long one TCP connect may take
 * @param reconnectMin wait before re-dialing after a connection that worked
 * @param reconnectMax the longest wait between dials of a peer that stays down
 * @param pingInterval how often each outbound stream pings (round trip, liveness)
 * @param peerTimeout a connection that reads nothing for this long is closed and re-dialed
 *     (pings keep healthy ones busy); also bounds the handshake and a stalled snapshot
 * @param unreachableReportInterval at most one {@link RaftInbound#reportUnreachable} per peer in
 *     this interval
 * @param roundTripListener told each round trip measured
 * @param security plain TCP ({@link ChannelSecurity#PLAINTEXT}) or {@link TlsChannelSecurity}
 */
public record PeerTransportConfig(long memberId, long clusterId, List<URI> listenUrls,
                                  List<URI> advertisedUrls,
                                  int queueCapacity, Supplier<byte[]> clusterInfo,
                                  boolean acceptUnknownPeers, int eventLoopThreads,
                                  int snapshotChunkBytes, int maxFrameBytes, Duration dialTimeout,
                                  Duration reconnectMin, Duration reconnectMax,
                                  Duration pingInterval, Duration peerTimeout,
                                  Duration unreachableReportInterval,
                                  RoundTripListener roundTripListener, ChannelSecurity security) {

  /** Serves no cluster info: the asker is told so. */
  public static final Supplier<byte[]> NO_CLUSTER_INFO = () -> {
    throw new IllegalStateException("this member serves no cluster info");
  };

  public PeerTransportConfig {
    if (memberId == 0) {
      throw new IllegalArgumentException("member id 0 is not a member");
    }
    Objects.requireNonNull(security, "security");
    listenUrls = List.copyOf(listenUrls);
    advertisedUrls = List.copyOf(advertisedUrls);
    if (listenUrls.isEmpty()) {
      throw new IllegalArgumentException("no listen URL");
    }
    for (URI url : listenUrls) {
      if (url.getScheme() == null || !security.serves(url.getScheme()) || url.getPort() < 0) {
        throw new IllegalArgumentException("listen URL " + url + " is not a host:port URL with a scheme "
            + "the peer security serves (https needs peer certificates)");
      }
    }
    requirePositive("queueCapacity", queueCapacity);
    requirePositive("eventLoopThreads", eventLoopThreads);
    requirePositive("snapshotChunkBytes", snapshotChunkBytes);
    if (maxFrameBytes < snapshotChunkBytes + 64) {
      throw new IllegalArgumentException("maxFrameBytes must hold a snapshot chunk");
    }
    for (Duration d : List.of(dialTimeout, reconnectMin, reconnectMax, pingInterval, peerTimeout,
        unreachableReportInterval)) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive: " + d);
      }
    }
    if (pingInterval.compareTo(peerTimeout) >= 0) {
      throw new IllegalArgumentException("pingInterval must be shorter than peerTimeout, or "
          + "healthy connections are taken for dead");
    }
    if (reconnectMax.compareTo(reconnectMin) < 0) {
      throw new IllegalArgumentException("reconnectMax < reconnectMin");
    }
    Objects.requireNonNull(clusterInfo, "clusterInfo");
    Objects.requireNonNull(roundTripListener, "roundTripListener");
  }

  /** etcd's figures where it has them: queues of 4096, a 5 s peer timeout, 1 s dials. */
  public static PeerTransportConfig of(long memberId, long clusterId, List<URI> listenUrls) {
    return of(memberId, clusterId, listenUrls, ChannelSecurity.PLAINTEXT);
  }

  /** As {@link #of(long, long, List)}, with the listen URLs secured (and checked) by {@code security}. */
  public static PeerTransportConfig of(long memberId, long clusterId, List<URI> listenUrls, ChannelSecurity security) {
    return new PeerTransportConfig(memberId, clusterId, listenUrls, listenUrls, 4096, NO_CLUSTER_INFO, true,
        Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), 1 << 20, 64 << 20,
        Duration.ofSeconds(1), Duration.ofMillis(25), Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofSeconds(5), Duration.ofMillis(100), RoundTripListener.NONE, security);
  }

  public PeerTransportConfig withAdvertisedUrls(List<URI> v) {
    return new PeerTransportConfig(memberId, clusterId, listenUrls, v, queueCapacity, clusterInfo,
        acceptUnknownPeers, eventLoopThreads, snapshotChunkBytes, maxFrameBytes, dialTimeout,
        reconnectMin, reconnectMax, pingInterval, peerTimeout, unreachableReportInterval,
        roundTripListener, security);
  }

  public PeerTransportConfig withQueueCapacity(int v) {
    return new PeerTransportConfig(memberId, clusterId, listenUrls, advertisedUrls, v, clusterInfo,
        acceptUnknownPeers, eventLoopThreads, snapshotChunkBytes, maxFrameBytes, dialTimeout,
        reconnectMin, reconnectMax, pingInterval, peerTimeout, unreachableReportInterval,
        roundTripListener, security);
  }

  public PeerTransportConfig withClusterInfo(Supplier<byte[]> v) {
    return new PeerTransportConfig(memberId, clusterId, listenUrls, advertisedUrls, queueCapacity, v,
        acceptUnknownPeers, eventLoopThreads, snapshotChunkBytes, maxFrameBytes, dialTimeout,
        reconnectMin, reconnectMax, pingInterval, peerTimeout, unreachableReportInterval,
        roundTripListener, security);
  }

  public PeerTransportConfig withAcceptUnknownPeers(boolean v) {
    return new PeerTransportConfig(memberId, clusterId, listenUrls, advertisedUrls, queueCapacity, clusterInfo, v,
        eventLoopThreads, snapshotChunkBytes, maxFrameBytes, dialTimeout, reconnectMin,
        reconnectMax, pingInterval, peerTimeout, unreachableReportInterval, roundTripListener,
        security);
  }

  public PeerTransportConfig withEventLoopThreads(int v) {
    return new PeerTransportConfig(memberId, clusterId, listenUrls, advertisedUrls, queueCapacity, clusterInfo,
        acceptUnknownPeers, v, snapshotChunkBytes, maxFrameBytes, dialTimeout, reconnectMin,
        reconnectMax, pingInterval, peerTimeout, unreachableReportInterval, roundTripListener,
        security);
  }

  public PeerTransportConfig withSnapshotChunkBytes(int v) {
    return new PeerTransportConfig(memberId, clusterId, listenUrls, advertisedUrls, queueCapacity, clusterInfo,
        acceptUnknownPeers, eventLoopThreads, v, maxFrameBytes, dialTimeout, reconnectMin,
        reconnectMax, pingInterval, peerTimeout, unreachableReportInterval, roundTripListener,
        security);
  }

  public PeerTransportConfig withMaxFrameBytes(int v) {
    return new PeerTransportConfig(memberId, clusterId, listenUrls, advertisedUrls, queueCapacity, clusterInfo,
        acceptUnknownPeers, eventLoopThreads, snapshotChunkBytes, v, dialTimeout, reconnectMin,
        reconnectMax, pingInterval, peerTimeout, unreachableReportInterval, roundTripListener,
        security);
  }

  public PeerTransportConfig withReconnect(Duration min, Duration max) {
    return new PeerTransportConfig(memberId, clusterId, listenUrls, advertisedUrls, queueCapacity, clusterInfo,
        acceptUnknownPeers, eventLoopThreads, snapshotChunkBytes, maxFrameBytes, dialTimeout, min,
        max, pingInterval, peerTimeout, unreachableReportInterval, roundTripListener, security);
  }

  public PeerTransportConfig withPingInterval(Duration v) {
    return new PeerTransportConfig(memberId, clusterId, listenUrls, advertisedUrls, queueCapacity, clusterInfo,
        acceptUnknownPeers, eventLoopThreads, snapshotChunkBytes, maxFrameBytes, dialTimeout,
        reconnectMin, reconnectMax, v, peerTimeout, unreachableReportInterval, roundTripListener,
        security);
  }

  public PeerTransportConfig withPeerTimeout(Duration v) {
    return new PeerTransportConfig(memberId, clusterId, listenUrls, advertisedUrls, queueCapacity, clusterInfo,
        acceptUnknownPeers, eventLoopThreads, snapshotChunkBytes, maxFrameBytes, dialTimeout,
        reconnectMin, reconnectMax, pingInterval, v, unreachableReportInterval, roundTripListener,
        security);
  }

  public PeerTransportConfig withUnreachableReportInterval(Duration v) {
    return new PeerTransportConfig(memberId, clusterId, listenUrls, advertisedUrls, queueCapacity, clusterInfo,
        acceptUnknownPeers, eventLoopThreads, snapshotChunkBytes, maxFrameBytes, dialTimeout,
        reconnectMin, reconnectMax, pingInterval, peerTimeout, v, roundTripListener, security);
  }

  public PeerTransportConfig withRoundTripListener(RoundTripListener v) {
    return new PeerTransportConfig(memberId, clusterId, listenUrls, advertisedUrls, queueCapacity, clusterInfo,
        acceptUnknownPeers, eventLoopThreads, snapshotChunkBytes, maxFrameBytes, dialTimeout,
        reconnectMin, reconnectMax, pingInterval, peerTimeout, unreachableReportInterval, v,
        security);
  }

  public PeerTransportConfig withSecurity(ChannelSecurity v) {
    return new PeerTransportConfig(memberId, clusterId, listenUrls, advertisedUrls, queueCapacity, clusterInfo,
        acceptUnknownPeers, eventLoopThreads, snapshotChunkBytes, maxFrameBytes, dialTimeout,
        reconnectMin, reconnectMax, pingInterval, peerTimeout, unreachableReportInterval,
        roundTripListener, v);
  }

  private static void requirePositive(String name, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + v);
    }
  }
}
