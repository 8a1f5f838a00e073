package io.etcdj.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A cluster member as /v2/members lists it. {@code name} is empty for a member not yet started. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Member(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("peerURLs") List<String> peerURLs,
    @JsonProperty("clientURLs") List<String> clientURLs) {

  public Member {
    name = name == null ? "" : name;
    peerURLs = peerURLs == null ? List.of() : List.copyOf(peerURLs);
    clientURLs = clientURLs == null ? List.of() : List.copyOf(clientURLs);
  }
}
