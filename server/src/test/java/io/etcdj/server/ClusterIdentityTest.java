package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.kvstore.HistoryLimits;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected ids recorded from etcd 3.4.23 started with the same flags. */
class ClusterIdentityTest {
  private static MemberConfig config(String name, String token, Map<String, List<URI>> cluster) {
    return new MemberConfig(name, Path.of("unused"), cluster, false, token, List.of(), 100_000, 100, 1000,
        HistoryLimits.of(1000), true, true);
  }

  @Test void singleMemberIdsEqualEtcds() {
    ClusterIdentity ids = ClusterIdentity.fromConfig(config("default", "etcd-cluster",
        Map.of("default", List.of(URI.create("http://127.0.0.1:20380")))));
    assertThat(ClusterIdentity.hex(ids.memberId())).isEqualTo("3c2bdafe2850b2c0");
    assertThat(ClusterIdentity.hex(ids.clusterId())).isEqualTo("e212862534d843f1");
  }

  @Test void threeMemberIdsEqualEtcdsIncludingAMemberWithTwoPeerUrls() {
    Map<String, List<URI>> cluster = new LinkedHashMap<>();
    cluster.put("n1", List.of(URI.create("http://10.0.0.1:2380")));
    cluster.put("n2", List.of(URI.create("http://127.0.0.1:20380")));
    cluster.put("n3", List.of(URI.create("http://10.0.0.3:2380"), URI.create("http://10.0.0.3:2381")));
    ClusterIdentity ids = ClusterIdentity.fromConfig(config("n2", "tok-1", cluster));
    assertThat(ClusterIdentity.hex(ids.memberId())).isEqualTo("cb6fdd4ee7a545d8");
    assertThat(ClusterIdentity.hex(ids.memberIds().get("n1"))).isEqualTo("e765e731bd1bb1a3");
    assertThat(ClusterIdentity.hex(ids.memberIds().get("n3"))).isEqualTo("6616b242979ac2aa");
    assertThat(ClusterIdentity.hex(ids.clusterId())).isEqualTo("d37ccf790feb68ee");
  }
}
