package io.etcdj.http.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares one etcdj answer with etcd's recorded one: status, every header etcd sent (values
 * exactly; time-dependent ones for presence), headers etcd did not send, and the body (as JSON
 * after normalising time-dependent fields, or as exact text).
 */
final class ResponseComparison {
  /** Body framing: how the bytes are delimited is not part of the v2 contract. */
  private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection");
  private static final String RAFT_INDEX = "x-raft-index";
  /**
   * Opt-in (-Detcdj.compat.exactBodies=true): JSON bodies must also match byte for byte (field
   * order, Go's trailing newline) wherever nothing in them depends on time or map order.
   */
  static final boolean EXACT_BODIES_REQUESTED = Boolean.getBoolean("etcdj.compat.exactBodies");

  private final ObjectMapper json;
  private final RaftIndexTracker raftIndex;
  private final boolean exactBodies;

  ResponseComparison(ObjectMapper json, RaftIndexTracker raftIndex, boolean exactBodies) {
    this.json = json;
    this.raftIndex = raftIndex;
    this.exactBodies = exactBodies;
  }

  /** Status and headers only (a watch's head, or the first part of any answer). */
  List<String> head(String step, JsonNode expected, WireResponse actual, TimeDependence td, boolean metrics,
      boolean volatileRaftIndex) {
    List<String> diffs = new ArrayList<>();
    int status = expected.get("status").asInt();
    if (status != actual.status()) {
      diffs.add("status: etcd " + status + " but etcdj " + actual.status());
    }
    Map<String, String> want = headerMap(expected.get("headers"));
    Map<String, String> got = new LinkedHashMap<>();
    actual.headers().forEach(h -> got.merge(h.getKey().toLowerCase(), h.getValue(), (a, b) -> a + ", " + b));
    for (Map.Entry<String, String> h : want.entrySet()) {
      String name = h.getKey();
      String value = got.get(name);
      if (FRAMING.contains(name)) {
        continue;
      }
      if (value == null) {
        diffs.add("header " + name + ": missing (etcd sent \"" + h.getValue() + "\")");
      } else if (td.isTimeHeader(name)) {
        continue;
      } else if (name.equals(RAFT_INDEX)) {
        raftIndexDiff(step, h.getValue(), value, volatileRaftIndex).ifPresent(diffs::add);
      } else if (metrics && name.equals("content-type")) {
        if (!value.startsWith("text/plain")) {
          diffs.add("header content-type: etcd \"" + h.getValue() + "\" but etcdj \"" + value + "\"");
        }
      } else if (!value.equals(h.getValue())) {
        diffs.add("header " + name + ": etcd \"" + h.getValue() + "\" but etcdj \"" + value + "\"");
      }
    }
    for (Map.Entry<String, String> h : got.entrySet()) {
      if (!want.containsKey(h.getKey()) && !FRAMING.contains(h.getKey())) {
        diffs.add("header " + h.getKey() + ": etcdj sent \"" + h.getValue()
            + "\", etcd sends no such header");
      }
    }
    return diffs;
  }

  /** The body of an exchange. */
  List<String> body(JsonNode step, JsonNode expected, WireResponse actual, TimeDependence td) {
    List<String> diffs = new ArrayList<>();
    if ("metrics".equals(step.path("check").asText())) {
      String text = actual.bodyText();
      for (JsonNode name : step.path("metricNames")) {
        if (!text.contains(name.asText())) {
          diffs.add("body: metric " + name.asText() + " missing from /metrics");
        }
      }
      return diffs;
    }
    if (expected.has("json")) {
      JsonNode got;
      try {
        got = json.readTree(actual.body());
      } catch (IOException e) {
        diffs.add("body: etcd sent JSON " + expected.get("json") + " but etcdj sent non-JSON \""
            + abbreviate(actual.bodyText()) + "\"");
        return diffs;
      }
      if (got == null || got.isMissingNode()) {
        diffs.add("body: etcd sent JSON " + abbreviate(expected.get("json").toString())
            + " but etcdj sent nothing");
        return diffs;
      }
      event(expected.get("json"), got, td).forEach(d -> diffs.add("body " + d));
      td.presenceProblems(got).forEach(d -> diffs.add("body " + d));
      if (diffs.isEmpty() && exactBodies && isByteComparable(expected.get("json"), td)
          && !expected.path("body").asText("").equals(actual.bodyText())) {
        diffs.add("body bytes (JSON equal): etcd \"" + abbreviate(expected.path("body").asText(""))
            + "\" but etcdj \"" + abbreviate(actual.bodyText()) + "\"");
      }
      return diffs;
    }
    String want = expected.path("body").asText("");
    if (!want.equals(actual.bodyText())) {
      diffs.add("body: etcd \"" + abbreviate(want) + "\" but etcdj \""
          + abbreviate(actual.bodyText()) + "\"");
    }
    return diffs;
  }

  private static boolean isByteComparable(JsonNode recorded, TimeDependence td) {
    return td.normalise(recorded).equals(recorded)
        && !(td.unorderedNodes() && recorded.findValues("nodes").stream().anyMatch(n -> n.size() > 1));
  }

  /** Two JSON values after normalisation. */
  List<String> event(JsonNode expected, JsonNode actual, TimeDependence td) {
    return JsonDiff.between(td.normalise(expected), td.normalise(actual));
  }

  private Optional<String> raftIndexDiff(String step, String expected, String actual,
      boolean volatileRaftIndex) {
    try {
      return raftIndex.check(step, Long.parseLong(expected), Long.parseLong(actual), volatileRaftIndex);
    } catch (NumberFormatException e) {
      return Optional.of("header x-raft-index: etcd \"" + expected + "\" but etcdj \""
          + actual + "\"");
    }
  }

  private static Map<String, String> headerMap(JsonNode headers) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode h : headers) {
      out.merge(h.get(0).asText().toLowerCase(), h.get(1).asText(), (a, b) -> a + ", " + b);
    }
    return out;
  }

  static String abbreviate(String s) {
    String flat = s.replace("\n", "\\n").replace("\r", "\\r");
    return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...(" + flat.length() + " chars)";
  }
}
