package io.etcdj.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class BenchArgumentsTest {
  private static Object parse(String... args) {
    ParseResult pr = Bench.commandLine().parseArgs(args);
    return pr.subcommand().commandSpec().userObject();
  }

  @Test void putTakesEndpointsConnsDurationValueSizeKeySpaceAndWarmup() {
    PutCommand put = (PutCommand) parse("put", "--endpoints", "http://127.0.0.1:24379,http://h:1",
        "--conns", "128", "--duration", "10", "--value-size", "512", "--key-space", "50", "--warmup", "0.5");
    assertThat(put.options.conns).isEqualTo(128);
    assertThat(put.options.duration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(put.options.warmup()).isEqualTo(Duration.ofMillis(500));
    assertThat(put.options.valueSize).isEqualTo(512);
    assertThat(put.options.keySpace).isEqualTo(50);
    assertThat(put.options.targets()).containsExactly(new Target("127.0.0.1", 24379), new Target("h", 1));
  }

  @Test void getPrefillsByDefaultAndTakesQuorum() {
    GetCommand get = (GetCommand) parse("get", "--quorum");
    assertThat(get.prefill).isTrue();
    assertThat(get.quorum).isTrue();
    assertThat(((GetCommand) parse("get", "--no-prefill")).prefill).isFalse();
  }

  @Test void watchTakesWatchersPutsRateAndStream() {
    WatchCommand w = (WatchCommand) parse("watch", "--watchers", "10000", "--puts", "3000", "--stream",
        "--rate", "100", "--duration", "5");
    assertThat(w.watchers).isEqualTo(10_000);
    assertThat(w.puts).isEqualTo(3000);
    assertThat(w.stream).isTrue();
    assertThat(w.rate).isEqualTo(100.0);
  }

  @Test void memRequiresTheServerPid() {
    assertThatThrownBy(() -> parse("mem")).isInstanceOf(CommandLine.MissingParameterException.class);
    MemCommand m = (MemCommand) parse("mem", "--server-pid", "42", "--watchers", "5", "--keys", "7");
    assertThat(m.pid).isEqualTo(42);
    assertThat(m.watchers).isEqualTo(5);
    assertThat(m.keys).isEqualTo(7);
  }

  @Test void targetsDefaultThePortAndRejectHttps() {
    assertThat(Target.parse("http://example:80").port()).isEqualTo(80);
    assertThat(Target.parse("http://localhost").port()).isEqualTo(80);
    assertThatThrownBy(() -> Target.parse("https://h:1")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Target.parseList(" http://a:1 , http://b:2")).isEqualTo(List.of(new Target("a", 1), new Target("b", 2)));
  }

  @Test void rssIsReadFromTheVmRssLineInKilobytes() {
    String status = "Name:\tetcd\nVmPeak:\t  900 kB\nVmRSS:\t   12345 kB\nThreads:\t12\n";
    assertThat(Rss.parse(status)).isEqualTo(12345L * 1024);
  }
}
