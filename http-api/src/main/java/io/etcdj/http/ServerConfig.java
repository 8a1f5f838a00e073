package io.etcdj.http;

import io.etcdj.http.tls.TlsInfo;
import io.etcdj.kvstore.HistoryLimits;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A member's configuration, from etcd's flags and ETCD_* variables. Built by
 * {@link #parse(String...)}; the flag syntax is Go's (one or two dashes, {@code -f v} or
 * {@code -f=v}, a repeated flag's last value wins). Immutable.
 */
public final class ServerConfig {
  private final String name;
  private final Path dataDir;
  private final List<URI> listenClientUrls;
  private final List<URI> advertiseClientUrls;
  private final boolean advertiseClientUrlsGiven;
  private final List<URI> listenPeerUrls;
  private final List<URI> initialAdvertisePeerUrls;
  private final Map<String, List<URI>> initialCluster;
  private final String initialClusterState;
  private final String initialClusterToken;
  private final long snapshotCount;
  private final int heartbeatIntervalMs;
  private final int electionTimeoutMs;
  private final HistoryLimits watchHistory;
  private final boolean quorumReadIndex;
  private final boolean preVote;
  private final boolean strictReconfigCheck;
  private final int maxClientConnections;
  private final TlsInfo clientTls;
  private final TlsInfo peerTls;
  private final boolean peerClientSanCheck;
  private final List<String> notes;

  private ServerConfig(ParsedFlags flags) {
    Map<String, String> v = flags.values();
    name = v.getOrDefault("name", "default");
    dataDir = Path.of(v.getOrDefault("data-dir", name + ".etcdj"));
    listenClientUrls = urls("listen-client-urls", v.getOrDefault("listen-client-urls", "http://localhost:2379"));
    advertiseClientUrlsGiven = v.containsKey("advertise-client-urls");
    advertiseClientUrls = urls("advertise-client-urls", v.getOrDefault("advertise-client-urls", "http://localhost:2379"));
    listenPeerUrls = urls("listen-peer-urls", v.getOrDefault("listen-peer-urls", "http://localhost:2380"));
    initialAdvertisePeerUrls = urls("initial-advertise-peer-urls",
        v.getOrDefault("initial-advertise-peer-urls", "http://localhost:2380"));
    String cluster = v.get("initial-cluster");
    if (cluster == null) {
      // etcd's InitialClusterFromName: this member with its advertised peer URLs.
      StringBuilder b = new StringBuilder();
      for (URI url : initialAdvertisePeerUrls) {
        b.append(b.length() == 0 ? "" : ",").append(name).append('=').append(url);
      }
      cluster = b.toString();
    }
    initialCluster = cluster("initial-cluster", cluster);
    initialClusterState = v.getOrDefault("initial-cluster-state", "new");
    if (!initialClusterState.equals("new") && !initialClusterState.equals("existing")) {
      throw invalid(initialClusterState, "initial-cluster-state", "valid values are \"new\", \"existing\"");
    }
    initialClusterToken = v.getOrDefault("initial-cluster-token", "etcd-cluster");
    snapshotCount = positive("snapshot-count", v.getOrDefault("snapshot-count", "100000"), Long.MAX_VALUE);
    heartbeatIntervalMs = (int) positive("heartbeat-interval", v.getOrDefault("heartbeat-interval", "100"), Integer.MAX_VALUE);
    electionTimeoutMs = (int) positive("election-timeout", v.getOrDefault("election-timeout", "1000"), Integer.MAX_VALUE);
    watchHistory = new HistoryLimits(
        (int) atLeastOne("watch-history", v.getOrDefault("watch-history", "100000"), Integer.MAX_VALUE),
        atLeastOne("watch-history-bytes",
            v.getOrDefault("watch-history-bytes", Long.toString(HistoryLimits.DEFAULT_BYTES)), Long.MAX_VALUE));
    // ReadIndex by default (DESIGN.md: no log entry per read); "log" reproduces etcd's X-Raft-Index exactly.
    String quorumRead = v.getOrDefault("quorum-read", "read-index");
    if (!quorumRead.equals("log") && !quorumRead.equals("read-index")) {
      throw invalid(quorumRead, "quorum-read", "valid values are \"log\", \"read-index\"");
    }
    quorumReadIndex = quorumRead.equals("read-index");
    // etcd 3.4 defaults --pre-vote to false; etcdj turns it on: it keeps a partitioned or
    // restarted member from disrupting a healthy leader, which fast failover relies on.
    preVote = parseBool("pre-vote", v.getOrDefault("pre-vote", "true"));
    strictReconfigCheck = parseBool("strict-reconfig-check", v.getOrDefault("strict-reconfig-check", "true"));
    maxClientConnections = (int) positive("max-client-connections",
        v.getOrDefault("max-client-connections", Integer.toString(ClientConnectionLimit.defaultMax())), Integer.MAX_VALUE);
    if (electionTimeoutMs < 5 * heartbeatIntervalMs) {
      throw new FlagException("--election-timeout[" + electionTimeoutMs
          + "ms] should be at least as 5 times as --heartbeat-interval[" + heartbeatIntervalMs + "ms]", 1);
    }
    for (String name : EtcdFlags.BOOLEAN) {
      if (v.containsKey(name)) {
        parseBool(name, v.get(name));
      }
    }
    clientTls = TlsFlags.client(v);
    peerTls = TlsFlags.peer(v);
    peerClientSanCheck = !parseBool("experimental-peer-skip-client-san-verification",
        v.getOrDefault("experimental-peer-skip-client-san-verification", "false"));
    if (!initialCluster.containsKey(name)) {
      throw new FlagException("couldn't find local name \"" + name + "\" in the initial cluster configuration", 1);
    }
    TlsFlags.checkClient(listenClientUrls, clientTls);
    TlsFlags.checkPeer(listenPeerUrls, peerTls);
    List<String> allNotes = new ArrayList<>(flags.notes());
    if (v.containsKey("ca-file") || v.containsKey("peer-ca-file")) {
      allNotes.add("--ca-file and --peer-ca-file are etcd 3.3's deprecated flags (gone in 3.4): taken as "
          + "--trusted-ca-file/--peer-trusted-ca-file with client-cert-auth");
    }
    notes = List.copyOf(allNotes);
  }

  /**
   * Parses etcd-style arguments (no environment). Throws IllegalArgumentException (a
   * {@link FlagException} carrying Go's exit code) for an unknown flag or bad value, and for
   * --help/--version, which ask for no configuration ({@link EtcdjMain} handles those).
   */
  public static ServerConfig parse(String... args) {
    return parse(Map.of(), args);
  }

  /** Parses etcd-style arguments, taking unset flags from ETCD_* entries of {@code env}. */
  public static ServerConfig parse(Map<String, String> env, String... args) {
    ParsedFlags flags = FlagParser.parse(args, env);
    if (flags.helpRequested() || flags.versionRequested()) {
      throw new FlagException("help or version requested", 0);
    }
    return new ServerConfig(flags);
  }

  static ServerConfig of(ParsedFlags flags) { return new ServerConfig(flags); }

  public String name() { return name; }
  public Path dataDir() { return dataDir; }
  public List<URI> listenClientUrls() { return listenClientUrls; }
  /** Client URLs to advertise; when not given, the bound listen URLs are advertised. */
  public List<URI> advertiseClientUrls() { return advertiseClientUrls; }
  public boolean advertiseClientUrlsGiven() { return advertiseClientUrlsGiven; }
  public List<URI> listenPeerUrls() { return listenPeerUrls; }
  public List<URI> initialAdvertisePeerUrls() { return initialAdvertisePeerUrls; }
  /** Member name to its peer URLs, in command-line order. */
  public Map<String, List<URI>> initialCluster() { return initialCluster; }
  public String initialClusterState() { return initialClusterState; }
  public String initialClusterToken() { return initialClusterToken; }
  public long snapshotCount() { return snapshotCount; }
  public int heartbeatIntervalMs() { return heartbeatIntervalMs; }
  public int electionTimeoutMs() { return electionTimeoutMs; }
  public HistoryLimits watchHistory() { return watchHistory; }
  /**
   * etcd's --strict-reconfig-check (default true): refuse a member add or removal the cluster
   * might not survive (a member never started, a peer not reached for the last 5 s).
   */
  public boolean strictReconfigCheck() { return strictReconfigCheck; }

  /** etcdj's --max-client-connections: client connections open at once; more are refused with a 503. */
  public int maxClientConnections() { return maxClientConnections; }
  /** The client side's TLS flags ({@code --cert-file}, ...); files not read yet. */
  public TlsInfo clientTls() { return clientTls; }
  /** The peer side's TLS flags ({@code --peer-cert-file}, ...); files not read yet. */
  public TlsInfo peerTls() { return peerTls; }
  /** etcd's peer client-certificate SAN check, off with --experimental-peer-skip-client-san-verification. */
  public boolean peerClientSanCheck() { return peerClientSanCheck; }
  /** Whether quorum reads use Raft ReadIndex instead of a log entry (etcdj's --quorum-read=read-index). */
  public boolean quorumReadIndex() { return quorumReadIndex; }
  /** What the member runtime takes from this configuration. */
  public io.etcdj.server.MemberConfig memberConfig() {
    return new io.etcdj.server.MemberConfig(name, dataDir, initialCluster, initialClusterState.equals("existing"),
        initialClusterToken, listenPeerUrls, snapshotCount, heartbeatIntervalMs, electionTimeoutMs, watchHistory,
        quorumReadIndex, preVote);
  }

  /** Remarks about the command line worth logging (ignored flags, shadowed variables). */
  public List<String> notes() { return notes; }

  private static FlagException invalid(String value, String flag, String why) {
    return new FlagException("invalid value \"" + value + "\" for flag -" + flag + ": " + why, 2);
  }

  /** etcdj's own sizes: an empty history is no history, and would answer every wait with 401. */
  private static long atLeastOne(String flag, String value, long max) {
    long parsed = positive(flag, value, max);
    if (parsed == 0) {
      throw invalid(value, flag, "value out of range");
    }
    return parsed;
  }

  private static long positive(String flag, String value, long max) {
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed < 0 || parsed > max) {
        throw invalid(value, flag, "value out of range");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw invalid(value, flag, "parse error");
    }
  }

  /** Go's strconv.ParseBool. */
  static boolean parseBool(String flag, String value) {
    return switch (value) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw invalid(value, flag, "parse error");
    };
  }

  /** etcd's types.NewURLs: comma-separated http(s) URLs with host:port and no path. */
  static List<URI> urls(String flag, String value) {
    List<URI> result = new ArrayList<>();
    for (String part : value.split(",")) {
      String text = part.trim();
      URI url;
      try {
        url = new URI(text);
      } catch (URISyntaxException e) {
        throw invalid(value, flag, e.getMessage());
      }
      String scheme = url.getScheme();
      if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
        throw invalid(value, flag, "URL scheme must be http or https: " + text);
      }
      if (url.getHost() == null || url.getPort() < 0) {
        throw invalid(value, flag, "URL address does not have the form \"host:port\": " + text);
      }
      if (url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/")) {
        throw invalid(value, flag, "URL must not contain a path: " + text);
      }
      result.add(url);
    }
    return Collections.unmodifiableList(result);
  }

  /** etcd's types.NewURLsMap: {@code name=url,name=url}; a repeated name adds URLs. */
  static Map<String, List<URI>> cluster(String flag, String value) {
    Map<String, List<URI>> members = new LinkedHashMap<>();
    for (String part : value.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw invalid(value, flag, "missing '=' in \"" + part + "\"");
      }
      String member = part.substring(0, eq).trim();
      members.computeIfAbsent(member, k -> new ArrayList<>()).addAll(urls(flag, part.substring(eq + 1)));
    }
    Map<String, List<URI>> frozen = new LinkedHashMap<>();
    members.forEach((k, urls) -> frozen.put(k, List.copyOf(urls)));
    return Collections.unmodifiableMap(frozen);
  }
}
