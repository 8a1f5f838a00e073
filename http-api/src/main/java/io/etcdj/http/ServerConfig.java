package io.etcdj.http;

/**
 * A member's configuration, from etcd's flags and ETCD_* variables. Built by
 * {@link #parse(String...)}; the flag syntax is Go's (one or two dashes, {@code -f v} or
 * {@code -f=v}, a repeated flag's last value wins).
 */
public final class ServerConfig {
  /** Parses etcd-style arguments (no environment). Throws IllegalArgumentException for an unknown flag or bad value. */
  public static ServerConfig parse(String... args) { throw new UnsupportedOperationException("skeleton"); }
}
