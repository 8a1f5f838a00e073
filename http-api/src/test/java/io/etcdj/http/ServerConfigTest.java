package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.kvstore.HistoryLimits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  @Test void defaultsAreEtcds() {
    ServerConfig config = ServerConfig.parse();
    assertThat(config.name()).isEqualTo("default");
    assertThat(config.dataDir()).isEqualTo(Path.of("default.etcdj"));
    assertThat(config.listenClientUrls()).containsExactly(URI.create("http://localhost:2379"));
    assertThat(config.initialCluster()).containsExactly(Map.entry("default", List.of(URI.create("http://localhost:2380"))));
    assertThat(config.initialClusterToken()).isEqualTo("etcd-cluster");
    assertThat(config.initialClusterState()).isEqualTo("new");
    assertThat(config.snapshotCount()).isEqualTo(100_000);
    assertThat(config.heartbeatIntervalMs()).isEqualTo(100);
    assertThat(config.electionTimeoutMs()).isEqualTo(1000);
    assertThat(config.watchHistory()).isEqualTo(new HistoryLimits(100_000, 16L << 20));
  }

  @Test void theHistoryMemoryBudgetIsAFlag() {
    assertThat(ServerConfig.parse("--watch-history-bytes", "1048576").watchHistory())
        .isEqualTo(new HistoryLimits(100_000, 1 << 20));
    assertThatThrownBy(() -> ServerConfig.parse("--watch-history-bytes", "0")).isInstanceOf(FlagException.class);
    assertThatThrownBy(() -> ServerConfig.parse("--watch-history", "0")).isInstanceOf(FlagException.class);
  }

  @Test void dataDirDefaultFollowsTheName() {
    assertThat(ServerConfig.parse("--name", "n1", "--initial-cluster", "n1=http://127.0.0.1:2380").dataDir())
        .isEqualTo(Path.of("n1.etcdj"));
  }

  @Test void acceptsGoFlagSyntaxWithOneOrTwoDashesAndEquals() {
    ServerConfig config = ServerConfig.parse("-name", "a", "--data-dir=/tmp/x", "-snapshot-count=7",
        "--heartbeat-interval", "50", "-initial-cluster=a=http://127.0.0.1:1", "--enable-v2");
    assertThat(config.name()).isEqualTo("a");
    assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(config.snapshotCount()).isEqualTo(7);
    assertThat(config.heartbeatIntervalMs()).isEqualTo(50);
  }

  @Test void repeatedFlagLastValueWins() {
    assertThat(ServerConfig.parse("--snapshot-count", "1", "-snapshot-count=2", "--snapshot-count", "3")
        .snapshotCount()).isEqualTo(3);
  }

  @Test void booleanFlagsTakeExplicitValues() {
    ServerConfig.parse("--enable-v2=false", "--debug=true", "--force-new-cluster");
    assertThatThrownBy(() -> ServerConfig.parse("--enable-v2=maybe"))
        .isInstanceOf(FlagException.class).hasMessageContaining("-enable-v2");
  }

  @Test void flagValueMayStartWithADash() {
    assertThat(ServerConfig.parse("--name", "-odd", "--initial-cluster", "-odd=http://127.0.0.1:1").name())
        .isEqualTo("-odd");
  }

  @Test void everyOtherEtcdFlagIsAcceptedAndIgnored() {
    ServerConfig config = ServerConfig.parse("--quota-backend-bytes", "8589934592", "--auto-compaction-retention=1",
        "--logger", "zap", "--log-outputs", "stderr", "--client-crl-file", "x", "--max-request-bytes", "1572864",
        "--listen-metrics-urls", "http://127.0.0.1:1", "--cors", "*", "--unsafe-no-fsync", "-v");
    assertThat(config.name()).isEqualTo("default");
    assertThat(config.notes()).anyMatch(n -> n.contains("quota-backend-bytes"));
  }

  @Test void multipleCommaSeparatedUrls() {
    ServerConfig config = ServerConfig.parse("--listen-client-urls", "http://127.0.0.1:1,http://127.0.0.1:2",
        "--initial-cluster", "default=http://a:1,default=http://b:2,other=http://c:3");
    assertThat(config.listenClientUrls()).hasSize(2);
    assertThat(config.initialCluster().get("default")).hasSize(2);
    assertThat(config.initialCluster()).containsKey("other");
  }

  @Test void environmentFillsUnsetFlagsAndFlagsWin() {
    Map<String, String> env = Map.of("ETCD_NAME", "envname", "ETCD_SNAPSHOT_COUNT", "9",
        "ETCD_INITIAL_CLUSTER", "envname=http://127.0.0.1:1", "ETCD_DATA_DIR", "/tmp/env");
    ServerConfig config = ServerConfig.parse(env, "--data-dir", "/tmp/flag");
    assertThat(config.name()).isEqualTo("envname");
    assertThat(config.snapshotCount()).isEqualTo(9);
    assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/flag"));
    assertThat(config.notes()).anyMatch(n -> n.contains("ETCD_DATA_DIR"));
  }

  @Test void unknownFlagIsRejectedWithExitCodeTwo() {
    assertThatThrownBy(() -> ServerConfig.parse("--no-such-flag=1"))
        .isInstanceOf(FlagException.class)
        .hasMessage("flag provided but not defined: -no-such-flag")
        .extracting(e -> ((FlagException) e).exitCode()).isEqualTo(2);
  }

  @Test void badNumberNamesTheFlag() {
    assertThatThrownBy(() -> ServerConfig.parse("--snapshot-count", "abc"))
        .hasMessage("invalid value \"abc\" for flag -snapshot-count: parse error");
  }

  @Test void missingValueNamesTheFlag() {
    assertThatThrownBy(() -> ServerConfig.parse("--name"))
        .hasMessage("flag needs an argument: -name");
  }

  @Test void urlWithoutPortIsRejected() {
    assertThatThrownBy(() -> ServerConfig.parse("--listen-client-urls", "http://127.0.0.1"))
        .hasMessageContaining("-listen-client-urls");
  }

  @Test void mainExitsTwoOnUnknownFlagAndSaysWhich() {
    Run run = configure("--bogus", "1");
    assertThat(run.outcome.exitCode()).isEqualTo(2);
    assertThat(run.outcome.config()).isNull();
    assertThat(run.err).contains("flag provided but not defined: -bogus");
  }

  @Test void versionPrintsEtcdjAndApiVersions() {
    Run run = configure("--version");
    assertThat(run.outcome.exitCode()).isZero();
    assertThat(run.out).isEqualTo("etcdj Version: 0.1.0\netcd API Version: 3.4\n");
  }

  @Test void helpPrintsUsageAndExitsZero() {
    Run run = configure("-h");
    assertThat(run.outcome.exitCode()).isZero();
    assertThat(run.out).contains("--listen-client-urls").contains("--initial-cluster");
  }

  @Test void positionalArgumentIsRejected() {
    assertThat(configure("stray").outcome.exitCode()).isEqualTo(2);
  }

  private record Run(EtcdjMain.Outcome outcome, String out, String err) {}

  private static Run configure(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    EtcdjMain.Outcome outcome = EtcdjMain.configure(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(outcome, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
