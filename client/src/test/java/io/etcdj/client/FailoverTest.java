package io.etcdj.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FailoverTest {
  private static TestServer server;

  @BeforeAll static void startServer() {
    server = TestServer.start();
  }

  @AfterAll static void stopServer() {
    if (server != null) server.close();
  }

  /** A loopback URL nothing listens on: the port was bound, then released. */
  static URI deadEndpoint() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + s.getLocalPort());
    }
  }

  @Test void requestsFailOverToTheNextEndpointWhenTheFirstRefusesConnections() throws IOException {
    EtcdClient client = EtcdClient.builder()
        .endpoints(List.of(deadEndpoint(), server.endpoint()))
        .timeout(Duration.ofSeconds(5))
        .build();
    String key = TestServer.prefix() + "/k";
    assertThat(client.set(key, "v").node().value()).isEqualTo("v");
    assertThat(client.get(key).node().value()).isEqualTo("v");
  }

  @Test void noReachableEndpointGivesClusterUnavailableWithOneErrorPerEndpoint() throws IOException {
    URI a = deadEndpoint();
    URI b = deadEndpoint();
    EtcdClient client = EtcdClient.builder().endpoints(List.of(a, b)).build();
    assertThatThrownBy(() -> client.get("/k"))
        .isInstanceOfSatisfying(ClusterUnavailableException.class, e -> {
          assertThat(e.endpointErrors()).hasSize(2);
          assertThat(e.getMessage()).startsWith("client: etcd cluster is unavailable or misconfigured; error #0: dial tcp 127.0.0.1:");
          assertThat(e.detail()).contains("error #1: ");
        });
  }
}
