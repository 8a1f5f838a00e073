package io.etcdj.server;

import io.etcdj.kvstore.HistoryLimits;
import io.etcdj.raft.transport.ChannelSecurity;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a member runtime needs to run, whatever started it: etcd's flags parsed by the HTTP layer,
 * or a test that starts members in-process. Immutable.
 *
 * @param initialCluster member name to its peer URLs, in command-line order
 * @param initialClusterExisting true for {@code --initial-cluster-state existing}: join a running
 *     cluster (learn its id and members from a peer) instead of bootstrapping a new one
 * @param listenPeerUrls where the peer transport listens; empty for no transport (a lone member)
 * @param watchHistory how many events, and how much memory, the watch history keeps
 * @param quorumReadIndex quorum reads by Raft ReadIndex (true) or by a log entry as etcd 3.4's QGET
 * @param preVote etcd's {@code --pre-vote}; on by default in etcdj
 * @param peerSecurity how peer connections are secured: plain TCP, or TLS for https peer URLs
 */
public record MemberConfig(String name, Path dataDir, Map<String, List<URI>> initialCluster,
                           boolean initialClusterExisting, String initialClusterToken,
                           List<URI> listenPeerUrls, long snapshotCount, int heartbeatIntervalMs,
                           int electionTimeoutMs, HistoryLimits watchHistory, boolean quorumReadIndex, boolean preVote,
                           ChannelSecurity peerSecurity) {
  public MemberConfig {
    java.util.Objects.requireNonNull(peerSecurity, "peerSecurity");
    initialCluster = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(initialCluster));
    listenPeerUrls = List.copyOf(listenPeerUrls);
    if (!initialCluster.containsKey(name)) {
      throw new IllegalArgumentException("member " + name + " is not in the initial cluster " + initialCluster.keySet());
    }
  }

  /** A member whose peers talk plain TCP ({@code http://} peer URLs). */
  public MemberConfig(String name, Path dataDir, Map<String, List<URI>> initialCluster,
                      boolean initialClusterExisting, String initialClusterToken,
                      List<URI> listenPeerUrls, long snapshotCount, int heartbeatIntervalMs,
                      int electionTimeoutMs, HistoryLimits watchHistory, boolean quorumReadIndex, boolean preVote) {
    this(name, dataDir, initialCluster, initialClusterExisting, initialClusterToken, listenPeerUrls, snapshotCount,
        heartbeatIntervalMs, electionTimeoutMs, watchHistory, quorumReadIndex, preVote, ChannelSecurity.PLAINTEXT);
  }

  /** The same member with its peer connections secured by {@code security}. */
  public MemberConfig withPeerSecurity(ChannelSecurity security) {
    return new MemberConfig(name, dataDir, initialCluster, initialClusterExisting, initialClusterToken, listenPeerUrls,
        snapshotCount, heartbeatIntervalMs, electionTimeoutMs, watchHistory, quorumReadIndex, preVote, security);
  }

  /** This member's own peer URLs, as the initial cluster lists them. */
  public List<URI> peerUrls() { return initialCluster.get(name); }

  /** etcd's ReqTimeout: 5 s plus two election timeouts. */
  public Duration requestTimeout() { return Duration.ofMillis(5000L + 2L * electionTimeoutMs); }

  /** Election timeout in heartbeat ticks, as etcd's ElectionTicks. */
  public int electionTicks() { return Math.max(2, electionTimeoutMs / heartbeatIntervalMs); }
}
