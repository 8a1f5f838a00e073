package io.etcdj.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One node of a v2 response, as the server sent it. {@code value} is null for directories,
 * {@code ttl} 0 and {@code expiration} null for permanent nodes, {@code nodes} empty when the
 * server sent no children.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Node(
    @JsonProperty("key") String key,
    @JsonProperty("value") String value,
    @JsonProperty("dir") boolean dir,
    @JsonProperty("ttl") long ttl,
    @JsonProperty("expiration") String expiration,
    @JsonProperty("createdIndex") long createdIndex,
    @JsonProperty("modifiedIndex") long modifiedIndex,
    @JsonProperty("nodes") List<Node> nodes) {

  public Node {
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
  }
}
