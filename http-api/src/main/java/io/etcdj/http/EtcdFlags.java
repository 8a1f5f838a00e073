package io.etcdj.http;

import java.util.Set;

/**
 * The catalogue of etcd 3.4's command-line flags (etcdmain/config.go). Flags we act on are read by
 * {@link ServerConfig}; every other one is accepted and ignored so that scripts written for etcd
 * start etcdj unchanged.
 */
final class EtcdFlags {
  private EtcdFlags() {}

  /** Flags etcdj implements. */
  static final Set<String> USED = Set.of(
      "name", "data-dir", "listen-client-urls", "advertise-client-urls", "listen-peer-urls",
      "initial-advertise-peer-urls", "initial-cluster", "initial-cluster-state",
      "initial-cluster-token", "snapshot-count", "heartbeat-interval", "election-timeout",
      "watch-history", "watch-history-bytes", "quorum-read", "enable-v2", "pre-vote",
      "cert-file", "key-file", "client-cert-auth", "trusted-ca-file", "auto-tls", "ca-file",
      "peer-cert-file", "peer-key-file", "peer-client-cert-auth", "peer-trusted-ca-file", "peer-auto-tls",
      "peer-ca-file", "experimental-peer-skip-client-san-verification", "cipher-suites", "max-client-connections");

  /** etcd 3.4 flags accepted and ignored. */
  static final Set<String> IGNORED = Set.of(
      "config-file", "wal-dir", "max-snapshots", "max-wals", "initial-election-tick-advance",
      "quota-backend-bytes", "backend-batch-interval", "backend-batch-limit", "max-txn-ops",
      "max-request-bytes", "grpc-keepalive-min-time", "grpc-keepalive-interval",
      "grpc-keepalive-timeout", "max-concurrent-streams", "discovery", "discovery-fallback",
      "discovery-proxy", "discovery-srv", "discovery-srv-name", "strict-reconfig-check",
      "proxy", "proxy-failure-wait", "proxy-refresh-interval", "proxy-dial-timeout",
      "proxy-write-timeout", "proxy-read-timeout",
      "client-crl-file", "client-cert-allowed-hostname",
      "peer-crl-file", "peer-cert-allowed-cn", "peer-cert-allowed-hostname",
      "host-whitelist",
      "logger", "log-output", "log-outputs", "debug", "log-level", "log-package-levels",
      "auto-compaction-retention", "auto-compaction-mode", "enable-pprof", "metrics",
      "auth-token", "bcrypt-cost", "auth-token-ttl", "enable-grpc-gateway",
      "experimental-initial-corrupt-check", "experimental-corrupt-check-time",
      "experimental-enable-v2v3", "experimental-backend-bbolt-freelist-type",
      "experimental-enable-lease-checkpoint", "experimental-enable-lease-checkpoint-persist",
      "experimental-compaction-batch-limit", "experimental-watch-progress-notify-interval",
      "experimental-warning-apply-duration", "unsafe-no-fsync", "force-new-cluster",
      "listen-metrics-urls", "cors",
      // etcd's own "ignored" list (flags of etcd 0.4, still swallowed by 3.4)
      "cluster-active-size", "cluster-remove-delay", "cluster-sync-interval", "config", "force",
      "max-result-buffer", "max-retry-attempts", "peer-heartbeat-interval",
      "peer-election-timeout", "retry-interval", "snapshot", "v", "vv");

  /** Flags that take no value (Go's boolean flags: {@code --f}, {@code --f=true|false}). */
  static final Set<String> BOOLEAN = Set.of(
      "enable-v2", "initial-election-tick-advance", "strict-reconfig-check", "pre-vote",
      "client-cert-auth", "auto-tls", "peer-client-cert-auth", "peer-auto-tls",
      "experimental-peer-skip-client-san-verification", "debug", "enable-pprof",
      "enable-grpc-gateway", "experimental-initial-corrupt-check",
      "experimental-enable-lease-checkpoint", "experimental-enable-lease-checkpoint-persist",
      "unsafe-no-fsync", "force-new-cluster", "version",
      "cluster-active-size", "cluster-remove-delay", "cluster-sync-interval", "config", "force",
      "max-result-buffer", "max-retry-attempts", "peer-heartbeat-interval",
      "peer-election-timeout", "retry-interval", "snapshot", "v", "vv");

  static boolean isBoolean(String name) { return BOOLEAN.contains(name); }
}
