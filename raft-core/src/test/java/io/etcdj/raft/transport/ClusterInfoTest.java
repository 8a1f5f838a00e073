package io.etcdj.raft.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.raft.transport.TestMembers.Member;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterInfoTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final TestMembers members = new TestMembers();

  @AfterEach
  void closeAll() { members.close(); }

  @Test
  void fetchClusterInfoReturnsTheSuppliersBytes() throws Exception {
    byte[] info = "{\"members\":[{\"id\":\"1\"}]}".getBytes(StandardCharsets.UTF_8);
    Member a = members.start(1, c -> c.withClusterInfo(() -> info));

    byte[] got = PeerTransport.fetchClusterInfo(a.url(), TIMEOUT).get();

    assertThat(got).isEqualTo(info);
  }

  @Test
  void memberThatServesNoClusterInfoSaysSo() {
    Member a = members.start(1);

    assertThatThrownBy(() -> PeerTransport.fetchClusterInfo(a.url(), TIMEOUT).get())
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IOException.class)
        .hasMessageContaining("serves no cluster info");
  }

  @Test
  void fetchFromAnAddressWhereNothingListensFails() throws Exception {
    var dead = TestMembers.deadUrl();

    assertThatThrownBy(() -> PeerTransport.fetchClusterInfo(dead, TIMEOUT).get())
        .isInstanceOf(ExecutionException.class);
  }

  @Test
  void fetchLeavesNoThreadBehind() throws Exception {
    byte[] info = {1};
    Member a = members.start(1, c -> c.withClusterInfo(() -> info));

    PeerTransport.fetchClusterInfo(a.url(), TIMEOUT).get();

    org.awaitility.Awaitility.await().until(() -> Thread.getAllStackTraces().keySet().stream()
        .noneMatch(t -> t.getName().startsWith("etcdj-peer-info-")));
  }
}
