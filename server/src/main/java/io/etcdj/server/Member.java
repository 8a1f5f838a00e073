package io.etcdj.server;

import java.util.List;

/**
 * A member of the cluster as the store records it (etcd's membership.Member): {@code name} and
 * {@code clientUrls} are empty until the member has started and published them.
 */
public record Member(long id, String name, List<String> peerUrls, List<String> clientUrls, boolean learner) {
  public Member {
    peerUrls = List.copyOf(peerUrls);
    clientUrls = List.copyOf(clientUrls);
  }

  public String idHex() { return ClusterIdentity.hex(id); }
}
