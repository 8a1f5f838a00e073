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
      Map.entry("enable-v2", "Accept etcd V2 client requests (always on in etcdj)."),
      Map.entry("max-client-connections", "Client connections open at once; one more is answered 503 and closed "
          + "(etcdj). Default: 10000."));

  static String describe(String name) { return TEXT.getOrDefault(name, ""); }
}
