package io.etcdj.http.compat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Every place where etcdj deliberately answers a cluster recording differently from etcd 3.4,
 * and why. Nothing else may differ: a step not covered here is compared in full.
 */
final class ClusterDeviations {
  /**
   * Steps sent to a member's peer URL ({@code "member": "m1:peer"}). etcd serves its peer API
   * (rafthttp: {@code /members}, {@code /raft/probing}, {@code /version}, Go's 404s) over HTTP
   * on the peer URL; etcdj's members talk over their own framed protocol there
   * (raft-core's {@code io.etcdj.raft.transport}, see docs/architecture.md), which also carries
   * the cluster description a joining member asks for. Peer URLs are not a client API, and an
   * etcd member cannot join an etcdj cluster (nor the reverse) whatever the peer port answers.
   */
  static final String PEER_PROTOCOL = "etcdj's peer URL speaks etcdj's peer protocol, not etcd's rafthttp";

  private ClusterDeviations() {}

  /** Why this step is not replayed, if it is one of the deviations above. */
  static Optional<String> of(JsonNode step) {
    return step.path("member").asText("").endsWith(":peer") ? Optional.of(PEER_PROTOCOL) : Optional.empty();
  }
}
