package io.etcdj.http.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What of a recorded answer depends on the clock or on map order, from the fixture step's
 * "timeDependent" and "unorderedNodes": such values are replaced by a marker on both sides
 * before comparing, so only their presence is compared.
 */
record TimeDependence(
    Set<String> headers, Set<String> fieldNames, List<String> paths, List<String> presenceVaries,
    boolean unorderedNodes) {

  static final TextNode MARKER = TextNode.valueOf("<time-dependent>");

  static TimeDependence of(JsonNode step) {
    JsonNode td = step.path("timeDependent");
    return new TimeDependence(lowerCased(td.path("headers")), strings(td.path("fieldNames")),
        List.copyOf(strings(td.path("paths"))), List.copyOf(strings(td.path("presenceVaries"))),
        step.path("unorderedNodes").asBoolean(false));
  }

  boolean isTimeHeader(String name) {
    return headers.contains(name.toLowerCase());
  }

  /**
   * A normalised deep copy: time-dependent values masked, unordered "nodes" sorted by key, and
   * fields whose presence varies (etcd omits them when zero) removed.
   */
  JsonNode normalise(JsonNode value) {
    JsonNode copy = value.deepCopy();
    mask(copy);
    for (String path : paths) {
      maskPath(copy, path.split("\\."), 0);
    }
    for (String path : presenceVaries) {
      removePath(copy, path.split("\\."), 0);
    }
    return copy;
  }

  /**
   * A field etcd omits when it is zero (Go's omitempty) may be absent or present, but present
   * only with a value other than zero.
   */
  List<String> presenceProblems(JsonNode actual) {
    List<String> problems = new ArrayList<>();
    for (String path : presenceVaries) {
      JsonNode value = actual;
      for (String part : path.split("\\.")) {
        value = value == null ? null : value.get(part);
      }
      if (value != null && (!value.isNumber() || value.asDouble() == 0)) {
        problems.add(path + ": etcdj sent " + value + ", etcd omits it when it is zero");
      }
    }
    return problems;
  }

  private static void removePath(JsonNode node, String[] path, int at) {
    if (!(node instanceof ObjectNode object) || !object.has(path[at])) {
      return;
    }
    if (at == path.length - 1) {
      object.remove(path[at]);
    } else {
      removePath(object.get(path[at]), path, at + 1);
    }
  }

  private void mask(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (fieldNames.contains(name)) {
          object.set(name, MARKER);
        } else {
          mask(object.get(name));
        }
      }
      if (unorderedNodes && object.get("nodes") instanceof ArrayNode nodes) {
        List<JsonNode> children = new ArrayList<>();
        nodes.forEach(children::add);
        children.sort(Comparator.comparing(child -> child.path("key").asText("")));
        nodes.removeAll();
        nodes.addAll(children);
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(this::mask);
    }
  }

  private static void maskPath(JsonNode node, String[] path, int at) {
    if (!(node instanceof ObjectNode object) || !object.has(path[at])) {
      return;
    }
    if (at == path.length - 1) {
      object.set(path[at], MARKER);
    } else {
      maskPath(object.get(path[at]), path, at + 1);
    }
  }

  private static Set<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return Set.copyOf(out);
  }

  private static Set<String> lowerCased(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText().toLowerCase()));
    return Set.copyOf(out);
  }
}
