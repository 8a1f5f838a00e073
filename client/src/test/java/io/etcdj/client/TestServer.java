package io.etcdj.client;

import io.etcdj.http.EtcdjServer;
import io.etcdj.http.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The server the client tests talk to: an etcdj member started in-process on free ports, or, when
 * ETCDJ_TEST_ENDPOINT is set (e.g. a real etcd), that endpoint. Keys are namespaced per test
 * ({@link #prefix()}) so tests need no cleanup between them.
 */
public final class TestServer implements AutoCloseable {
  private final EtcdjServer server;
  private final Path dataDir;
  private final URI endpoint;

  private TestServer(EtcdjServer server, Path dataDir, URI endpoint) {
    this.server = server;
    this.dataDir = dataDir;
    this.endpoint = endpoint;
  }

  public static TestServer start() {
    String external = System.getenv("ETCDJ_TEST_ENDPOINT");
    if (external != null && !external.isBlank()) {
      return new TestServer(null, null, URI.create(external.trim()));
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("etcdj-client-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // a concrete client port, so the advertised URL (used by cluster-health) is reachable too
    String client = "http://127.0.0.1:" + freePort();
    EtcdjServer s = EtcdjServer.start(ServerConfig.parse("--data-dir", dir.toString(),
        "--listen-client-urls", client,
        "--advertise-client-urls", client,
        "--listen-peer-urls", "http://127.0.0.1:0"));
    return new TestServer(s, dir, s.clientUrls().get(0));
  }

  public URI endpoint() { return endpoint; }

  public EtcdClient client() { return EtcdClient.builder().endpoints(java.util.List.of(endpoint)).build(); }

  /** A fresh key namespace, so each test sees only its own keys. */
  public static String prefix() { return "/t" + UUID.randomUUID().toString().replace("-", ""); }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override public void close() {
    if (server != null) server.close();
    if (dataDir != null) delete(dataDir);
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp dir left behind is harmless
    }
  }
}
