package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.etcdj.raft.StateRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three members in one JVM whose peers talk TLS ({@code https://} peer URLs, etcd's peer flags),
 * started from the command line as a process would be: the cluster forms, replicates and fails
 * over as over plain TCP (InProcessClusterTest), and a dialer whose certificate the CA did not
 * sign is not let in.
 */
class TlsPeerClusterTest {
  @TempDir Path dir;
  private final List<EtcdjServer> running = new CopyOnWriteArrayList<>();

  @AfterEach void stop() {
    running.forEach(EtcdjServer::close);
  }

  private static final String[] CA_SIGNED = {"--peer-cert-file", TlsFixtures.path("server.crt"), "--peer-key-file",
      TlsFixtures.path("server.key"), "--peer-client-cert-auth", "--peer-trusted-ca-file", TlsFixtures.path("ca.crt")};

  @Test void threeMembersOverTlsPeersFormReplicateAndFailOver() {
    List<String> cluster = peerUrls(3);
    startAll(cluster, CA_SIGNED);
    await().atMost(Duration.ofSeconds(20)).until(() -> leader().isPresent());
    EtcdjServer first = leader().orElseThrow();
    EtcdjServer follower = running.stream().filter(m -> m != first).findFirst().orElseThrow();
    TestHttp onFollower = new TestHttp(follower.clientUrls().get(0));
    assertThat(onFollower.put("/v2/keys/a", "value=1").statusCode()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(10)).until(() -> running.stream().allMatch(
        m -> new TestHttp(m.clientUrls().get(0)).get("/v2/keys/a").body().contains("\"value\":\"1\"")));

    first.close(); // hands leadership over, then stops
    running.remove(first);
    await().atMost(Duration.ofSeconds(10)).until(() -> leader().isPresent());
    TestHttp onLeader = new TestHttp(leader().orElseThrow().clientUrls().get(0));
    assertThat(onLeader.put("/v2/keys/after", "value=2").statusCode()).isEqualTo(201);
    assertThat(onLeader.get("/v2/keys/a").body()).contains("\"value\":\"1\"");
  }

  @Test void peerAutoTlsMembersFormACluster() {
    List<String> cluster = peerUrls(3);
    startAll(cluster, "--peer-auto-tls");
    await().atMost(Duration.ofSeconds(20)).until(() -> leader().isPresent());
    assertThat(new TestHttp(leader().orElseThrow().clientUrls().get(0)).put("/v2/keys/x", "value=y").statusCode())
        .isEqualTo(201);
    assertThat(dir.resolve("m1").resolve("fixtures").resolve("peer").resolve("cert.pem")).isRegularFile();
  }

  /**
   * With --peer-client-cert-auth a dialer must show a certificate the trusted CA signed: one
   * without a certificate, or with a rogue CA's, fails the handshake (an SSLException, or the pipe the server closed; TLS 1.2 here, so that the
   * refusal is part of the handshake the client sees); the CA's own passes it.
   */
  @Test void aPeerWithoutACaSignedCertificateFailsTheHandshake() throws IOException {
    List<String> cluster = peerUrls(3);
    startAll(cluster, CA_SIGNED);
    URI peer = URI.create(cluster.get(0));
    assertThatThrownBy(() -> handshake(peer, null)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> handshake(peer, "rogue-client")).isInstanceOf(IOException.class);
    assertThat(handshake(peer, "client").getPeerPrincipal().getName()).isEqualTo("CN=etcdj server");
  }

  private static SSLSession handshake(URI peer, String clientName) throws IOException {
    try (SSLSocket socket = (SSLSocket) TlsFixtures.client(clientName).getSocketFactory()
        .createSocket(peer.getHost(), peer.getPort())) {
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      return socket.getSession();
    }
  }

  private Optional<EtcdjServer> leader() {
    return running.stream().filter(m -> m.server().status().role() == StateRole.LEADER).findFirst();
  }

  /** Members start at once: each returns only when it has published, which needs a quorum. */
  private void startAll(List<String> cluster, String... tls) {
    CompletableFuture.allOf(Stream.of(1, 2, 3)
        .map(i -> CompletableFuture.runAsync(() -> running.add(start(i, cluster, tls))))
        .toArray(CompletableFuture[]::new)).join();
  }

  private EtcdjServer start(int i, List<String> peerUrls, String... tls) {
    String initial = String.join(",", List.of("m1=" + peerUrls.get(0), "m2=" + peerUrls.get(1), "m3=" + peerUrls.get(2)));
    String[] base = {"--name", "m" + i, "--data-dir", dir.resolve("m" + i).toString(),
        "--listen-client-urls", "http://127.0.0.1:0", "--advertise-client-urls", "http://127.0.0.1:2379",
        "--listen-peer-urls", peerUrls.get(i - 1), "--initial-advertise-peer-urls", peerUrls.get(i - 1),
        "--initial-cluster", initial, "--heartbeat-interval", "50", "--election-timeout", "500"};
    return EtcdjServer.start(ServerConfig.parse(Stream.concat(Stream.of(base), Stream.of(tls)).toArray(String[]::new)),
        error -> { }, () -> { });
  }

  private static List<String> peerUrls(int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      List<String> urls = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0);
        held.add(socket);
        urls.add("https://127.0.0.1:" + socket.getLocalPort());
      }
      return urls;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // a port only reserved while choosing
        }
      }
    }
  }
}
