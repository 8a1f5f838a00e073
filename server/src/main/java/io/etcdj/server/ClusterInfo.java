package io.etcdj.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * What a running member tells one that joins with {@code --initial-cluster-state existing}
 * (etcd answers the same from its peer URL's {@code /members}): the cluster id and its members.
 * Encoded as JSON; a joiner finds its own id as the member whose peer URLs are its own.
 */
record ClusterInfo(long clusterId, List<Member> members) {
  byte[] encode() {
    ObjectNode root = MemberJson.MAPPER.createObjectNode();
    root.put("clusterId", ClusterIdentity.hex(clusterId));
    ArrayNode array = root.putArray("members");
    for (Member m : members) {
      ObjectNode node = array.addObject();
      node.put("id", m.idHex());
      node.put("name", m.name());
      node.put("isLearner", m.learner());
      m.peerUrls().forEach(node.putArray("peerURLs")::add);
      ArrayNode clients = node.putArray("clientURLs");
      m.clientUrls().forEach(clients::add);
    }
    try {
      return MemberJson.MAPPER.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static ClusterInfo decode(byte[] json) {
    try {
      JsonNode root = MemberJson.MAPPER.readTree(json);
      long clusterId = Long.parseUnsignedLong(root.path("clusterId").asText(), 16);
      List<Member> members = new ArrayList<>();
      for (JsonNode node : root.path("members")) {
        List<String> peers = new ArrayList<>();
        node.path("peerURLs").forEach(u -> peers.add(u.asText()));
        List<String> clients = new ArrayList<>();
        node.path("clientURLs").forEach(u -> clients.add(u.asText()));
        members.add(new Member(Long.parseUnsignedLong(node.path("id").asText(), 16), node.path("name").asText(""),
            peers, clients, node.path("isLearner").asBoolean(false)));
      }
      return new ClusterInfo(clusterId, members);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a cluster description: " + e.getMessage(), e);
    }
  }

  /** The member whose peer URLs are exactly {@code peerUrls} (in any order). */
  Optional<Member> memberWithPeerUrls(List<URI> peerUrls) {
    HashSet<String> wanted = new HashSet<>();
    peerUrls.forEach(u -> wanted.add(u.toString()));
    return members.stream().filter(m -> new HashSet<>(m.peerUrls()).equals(wanted)).findFirst();
  }
}
