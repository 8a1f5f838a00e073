package io.etcdj.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GET /version: {@code {"etcdserver":"3.4.x","etcdcluster":"3.4.0"}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Version(@JsonProperty("etcdserver") String server,
                      @JsonProperty("etcdcluster") String cluster) {}
