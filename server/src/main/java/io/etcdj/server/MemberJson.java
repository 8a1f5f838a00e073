package io.etcdj.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The member JSON etcd 3.4 writes: the conf-change context ({@code {"id":..,"peerURLs":[..],"name":..}}),
 * {@code /0/members/<id>/raftAttributes} and {@code /0/members/<id>/attributes}, field order as
 * etcd's Go structs.
 */
final class MemberJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private MemberJson() {}

  /** The context etcd puts in the bootstrap conf change: json.Marshal(Member). */
  static byte[] confChangeContext(long id, String name, List<URI> peerUrls) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", new java.math.BigInteger(Long.toUnsignedString(id)));
    node.set("peerURLs", urls(peerUrls));
    node.put("name", name);
    return write(node);
  }

  /** {@code {"peerURLs":[..]}}, with {@code "isLearner":true} for a learner as etcd 3.4 writes it. */
  static String raftAttributes(List<String> peerUrls, boolean learner) {
    ObjectNode node = MAPPER.createObjectNode();
    ArrayNode array = node.putArray("peerURLs");
    peerUrls.forEach(array::add);
    if (learner) {
      node.put("isLearner", true);
    }
    return new String(write(node), StandardCharsets.UTF_8);
  }

  /** {@code {"name":..,"clientURLs":[..]}}. */
  static String attributes(String name, List<URI> clientUrls) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", name);
    node.set("clientURLs", urls(clientUrls));
    return new String(write(node), StandardCharsets.UTF_8);
  }

  /** The peer URLs out of a conf-change context (or of raftAttributes). */
  static List<String> peerUrls(byte[] json) {
    List<String> urls = new ArrayList<>();
    try {
      JsonNode node = MAPPER.readTree(json);
      node.path("peerURLs").forEach(u -> urls.add(u.asText()));
    } catch (IOException e) {
      throw new IllegalArgumentException("bad member JSON", e);
    }
    return urls;
  }

  private static ArrayNode urls(List<URI> urls) {
    ArrayNode array = MAPPER.createArrayNode();
    urls.forEach(u -> array.add(u.toString()));
    return array;
  }

  private static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
