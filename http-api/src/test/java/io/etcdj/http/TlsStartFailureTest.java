package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.http.tls.TlsMaterialException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS asked for without what it needs stops the member at start with one line, worded as etcd
 * 3.4.23 words it (its "C | etcdmain: ..." line), and exit code 1; nothing is opened first.
 */
class TlsStartFailureTest {
  @TempDir Path dir;

  private String[] flags(String... tls) {
    String[] base = {"--data-dir", dir.resolve("data").toString(),
        "--listen-client-urls", "https://127.0.0.1:0", "--advertise-client-urls", "https://127.0.0.1:2379",
        "--listen-peer-urls", "http://127.0.0.1:0",
        "--initial-advertise-peer-urls", "http://127.0.0.1:20380", "--initial-cluster", "default=http://127.0.0.1:20380"};
    return Stream.concat(Stream.of(base), Stream.of(tls)).toArray(String[]::new);
  }

  private static String configureError(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    EtcdjMain.Outcome outcome = EtcdjMain.configure(args, Map.of(), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(outcome.config()).isNull();
    assertThat(outcome.exitCode()).isEqualTo(1);
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test void anHttpsClientUrlWithoutCertificateOrAutoTlsIsRefused() {
    assertThat(configureError(flags())).isEqualTo("TLS key/cert (--cert-file, --key-file) must be provided for "
        + "client url https://127.0.0.1:0 with HTTPS scheme\n");
  }

  @Test void anHttpsPeerUrlWithoutPeerCertificateIsRefused() {
    assertThat(configureError("--data-dir", dir.toString(), "--listen-peer-urls", "https://127.0.0.1:25390",
        "--initial-advertise-peer-urls", "https://127.0.0.1:25390", "--initial-cluster", "default=https://127.0.0.1:25390"))
        .isEqualTo("cannot listen on TLS for 127.0.0.1:25390: KeyFile and CertFile are not presented\n");
  }

  @Test void aCertificateWithoutItsKeyIsRefused() {
    assertThat(configureError(flags("--cert-file", "c/server.crt")))
        .isEqualTo("KeyFile and CertFile must both be present[key: , cert: c/server.crt]\n");
  }

  @Test void unusableFilesStopTheStartWithEtcdsWords() throws IOException {
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "garbage\n");
    String cert = TlsFixtures.path("server.crt");
    String key = TlsFixtures.path("server.key");
    Map<List<String>, String> cases = Map.of(
        List.of(cert, dir.resolve("nope.key").toString()), "open " + dir.resolve("nope.key") + ": no such file or directory",
        List.of(cert, TlsFixtures.path("client.key")), "tls: private key does not match public key",
        List.of(garbage.toString(), key), "tls: failed to find any PEM data in certificate input",
        List.of(cert, garbage.toString()), "tls: failed to find any PEM data in key input",
        List.of(key, key), "tls: failed to find any PEM data in certificate input");
    cases.forEach((files, message) -> {
      ServerConfig config = ServerConfig.parse(flags("--cert-file", files.get(0), "--key-file", files.get(1)));
      assertThatThrownBy(() -> EtcdjServer.start(config)).isInstanceOf(TlsMaterialException.class).hasMessage(message);
    });
    assertThat(dir.resolve("data").resolve("member")).doesNotExist();
  }

  @Test void aMissingTrustedCaFileStopsTheStart() {
    ServerConfig config = ServerConfig.parse(flags("--cert-file", TlsFixtures.path("server.crt"), "--key-file",
        TlsFixtures.path("server.key"), "--trusted-ca-file", dir.resolve("nope.crt").toString()));
    assertThatThrownBy(() -> EtcdjServer.start(config)).isInstanceOf(TlsMaterialException.class)
        .hasMessage("open " + dir.resolve("nope.crt") + ": no such file or directory");
  }

  /** The process as a user runs it: one line naming the problem, exit code 1 (etcd: "C | etcdmain: open ...", 1). */
  @Test void theProcessExitsWithCodeOneAndOneLine() throws IOException, InterruptedException {
    String missing = dir.resolve("nope.key").toString();
    List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), EtcdjMain.class.getName()));
    command.addAll(List.of(flags("--cert-file", TlsFixtures.path("server.crt"), "--key-file", missing)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(output.lines().filter(l -> l.contains("ERROR"))).singleElement().asString()
        .endsWith("open " + missing + ": no such file or directory");
  }
}
