package io.etcdj.http;

import java.util.Map;

/** Help text of the flags etcdj acts on (etcd's wording where it has one). */
final class FlagDescriptions {
  private FlagDescriptions() {}

  private static final Map<String, String> TEXT = Map.ofEntries(
      Map.entry("name", "Human-readable name for this member. Default: default."),
      Map.entry("data-dir", "Path to the data directory. Default: <name>.etcdj in the working directory."),
      Map.entry("listen-client-urls", "List of URLs to listen on for client traffic. Default: http://localhost:2379."),
      Map.entry("advertise-client-urls", "List of this member's client URLs to advertise to the public."),
      Map.entry("listen-peer-urls", "List of URLs to listen on for peer traffic. Default: http://localhost:2380."),
      Map.entry("initial-advertise-peer-urls", "List of this member's peer URLs to advertise to the rest of the cluster."),
      Map.entry("initial-cluster", "Initial cluster configuration for bootstrapping. Default: default=http://localhost:2380."),
      Map.entry("initial-cluster-state", "Initial cluster state ('new' or 'existing'). Default: new."),
      Map.entry("initial-cluster-token", "Initial cluster token for the etcd cluster during bootstrap. Default: etcd-cluster."),
      Map.entry("snapshot-count", "Number of committed transactions to trigger a snapshot to disk. Default: 100000."),
      Map.entry("heartbeat-interval", "Time (in milliseconds) of a heartbeat interval. Default: 100."),
      Map.entry("election-timeout", "Time (in milliseconds) for an election to timeout. Default: 1000."),
      Map.entry("watch-history", "Number of events the watch history keeps (etcdj). Default: 100000."),
      Map.entry("watch-history-bytes", "Memory the watch history may hold, in bytes; the oldest events are dropped "
          + "first (etcdj). Default: 16777216 (16 MiB)."),
      Map.entry("quorum-read", "How quorum=true reads are confirmed (etcdj): 'log' appends a no-op entry as etcd 3.4's "
          + "QGET does (X-Raft-Index moves as etcd's), 'read-index' uses Raft ReadIndex (no log write). Default: read-index."),
      Map.entry("pre-vote", "Enable the Raft Pre-Vote algorithm to prevent disruption when a node that has been "
          + "partitioned away rejoins the cluster. Default: true in etcdj (false in etcd 3.4)."),
      Map.entry("cert-file", "Path to the client server TLS cert file."),
      Map.entry("key-file", "Path to the client server TLS key file (PKCS#8, PKCS#1 or SEC 1 PEM)."),
      Map.entry("client-cert-auth", "Enable client cert authentication."),
      Map.entry("trusted-ca-file", "Path to the client server TLS trusted CA cert file (clients must then present a "
          + "certificate it signed, as in etcd)."),
      Map.entry("auto-tls", "Client TLS using generated certificates (under <data-dir>/fixtures/client)."),
      Map.entry("ca-file", "DEPRECATED (etcd 3.3): --trusted-ca-file with --client-cert-auth."),
      Map.entry("peer-cert-file", "Path to the peer server TLS cert file."),
      Map.entry("peer-key-file", "Path to the peer server TLS key file."),
      Map.entry("peer-client-cert-auth", "Enable peer client cert authentication."),
      Map.entry("peer-trusted-ca-file", "Path to the peer server TLS trusted CA file."),
      Map.entry("peer-auto-tls", "Peer TLS using generated certificates (under <data-dir>/fixtures/peer)."),
      Map.entry("peer-ca-file", "DEPRECATED (etcd 3.3): --peer-trusted-ca-file with --peer-client-cert-auth."),
      Map.entry("experimental-peer-skip-client-san-verification",
          "Skip verification of SAN field in client certificate for peer connections."),
      Map.entry("cipher-suites", "Comma-separated list of supported TLS cipher suites between client/server and peers "
          + "(empty: Go's defaults, as etcd; TLS 1.3 suites are always on, as in Go)."),
      Map.entry("enable-v2", "Accept etcd V2 client requests (always on in etcdj)."),
      Map.entry("max-client-connections", "Client connections open at once; one more is answered 503 and closed "
          + "(etcdj). Default: the open-file limit less a reserve of a quarter of it, at most 1024."));

  static String describe(String name) { return TEXT.getOrDefault(name, ""); }
}
