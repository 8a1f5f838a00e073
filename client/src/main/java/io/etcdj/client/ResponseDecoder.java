package io.etcdj.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.util.List;

/** Turns v2 answers (status, headers, JSON body) into records or {@link EtcdException}s. Thread-safe. */
final class ResponseDecoder {
  private final ObjectMapper mapper =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Body(@JsonProperty("action") String action, @JsonProperty("node") Node node,
              @JsonProperty("prevNode") Node prevNode) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ErrorBody(@JsonProperty("errorCode") int errorCode, @JsonProperty("message") String message,
                   @JsonProperty("cause") String cause, @JsonProperty("index") long index) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record MembersBody(@JsonProperty("members") List<Member> members) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record HealthBody(@JsonProperty("health") String health) {}

  /** A keys answer: a Response for 2xx, else the server's error thrown as EtcdException. */
  Response keys(int status, HttpHeaders headers, byte[] body) {
    if (status / 100 != 2) throw error(status, headers, body);
    Body b = read(body, Body.class);
    return new Response(b.action(), b.node(), b.prevNode(), header(headers, "X-Etcd-Index"),
        header(headers, "X-Raft-Index"), header(headers, "X-Raft-Term"));
  }

  /** One event line of a stream watch. */
  Response streamEvent(String line) {
    Body b = read(line.getBytes(java.nio.charset.StandardCharsets.UTF_8), Body.class);
    return new Response(b.action(), b.node(), b.prevNode(), 0, 0, 0);
  }

  <T> T value(int status, HttpHeaders headers, byte[] body, Class<T> type) {
    if (status / 100 != 2) throw error(status, headers, body);
    return read(body, type);
  }

  List<Member> members(int status, HttpHeaders headers, byte[] body) {
    MembersBody m = value(status, headers, body, MembersBody.class);
    return m.members() == null ? List.of() : List.copyOf(m.members());
  }

  boolean healthy(int status, byte[] body) {
    if (status / 100 != 2) return false;
    try {
      HealthBody h = mapper.readValue(body, HealthBody.class);
      return "true".equals(h.health());
    } catch (IOException e) {
      return false;
    }
  }

  /** The etcd error in {@code body}, or a code-0 error carrying the raw body if it is not etcd's JSON. */
  EtcdException error(int status, HttpHeaders headers, byte[] body) {
    try {
      ErrorBody e = mapper.readValue(body, ErrorBody.class);
      if (e.errorCode() != 0 || e.message() != null) {
        return new EtcdException(e.errorCode(), e.message(), e.cause(), e.index(), status);
      }
    } catch (IOException ignored) {
      // not etcd's error JSON: fall through to the raw form
    }
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
    return new EtcdException(0, "unexpected HTTP status " + status, text,
        header(headers, "X-Etcd-Index"), status);
  }

  private <T> T read(byte[] body, Class<T> type) {
    try {
      return mapper.readValue(body, type);
    } catch (IOException e) {
      throw new UncheckedIOException("malformed answer from server", e);
    }
  }

  private static long header(HttpHeaders headers, String name) {
    return headers.firstValue(name).map(ResponseDecoder::parseLongOrZero).orElse(0L);
  }

  private static long parseLongOrZero(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
