package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected ids recorded from etcd 3.4.23 started with the same flags. */
class ClusterIdentityTest {
  @Test void singleMemberIdsEqualEtcds() {
    ClusterIdentity ids = ClusterIdentity.fromConfig(ServerConfig.parse(
        "--initial-advertise-peer-urls", "http://127.0.0.1:20380",
        "--initial-cluster", "default=http://127.0.0.1:20380"));
    assertThat(ClusterIdentity.hex(ids.memberId())).isEqualTo("3c2bdafe2850b2c0");
    assertThat(ClusterIdentity.hex(ids.clusterId())).isEqualTo("e212862534d843f1");
  }

  @Test void threeMemberIdsEqualEtcdsIncludingAMemberWithTwoPeerUrls() {
    ClusterIdentity ids = ClusterIdentity.fromConfig(ServerConfig.parse(
        "--name", "n2", "--initial-cluster-token", "tok-1",
        "--initial-cluster", "n1=http://10.0.0.1:2380,n2=http://127.0.0.1:20380,n3=http://10.0.0.3:2380,n3=http://10.0.0.3:2381"));
    assertThat(ClusterIdentity.hex(ids.memberId())).isEqualTo("cb6fdd4ee7a545d8");
    assertThat(ClusterIdentity.hex(ids.memberIds().get("n1"))).isEqualTo("e765e731bd1bb1a3");
    assertThat(ClusterIdentity.hex(ids.memberIds().get("n3"))).isEqualTo("6616b242979ac2aa");
    assertThat(ClusterIdentity.hex(ids.clusterId())).isEqualTo("d37ccf790feb68ee");
  }
}
