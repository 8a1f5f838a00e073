package io.etcdj.client.cli;

import io.etcdj.client.Node;
import io.etcdj.client.Response;

/**
 * Encodes responses exactly as etcdctl v2's {@code -o json} does (Go's encoding/json
 * over the Go client's structs): field order, {@code "nodes":null}, omitted empty dir/ttl/
 * expiration, and HTML-safe escaping of {@code < > &}.
 */
final class GoJson {
  private GoJson() {}

  static String response(Response r) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"action\":");
    string(sb, r.action());
    sb.append(",\"node\":");
    node(sb, r.node());
    sb.append(",\"prevNode\":");
    node(sb, r.prevNode());
    return sb.append('}').toString();
  }

  private static void node(StringBuilder sb, Node n) {
    if (n == null) {
      sb.append("null");
      return;
    }
    sb.append("{\"key\":");
    string(sb, n.key());
    if (n.dir()) sb.append(",\"dir\":true");
    sb.append(",\"value\":");
    string(sb, n.value());
    sb.append(",\"nodes\":");
    if (n.nodes().isEmpty()) {
      sb.append("null");
    } else {
      sb.append('[');
      for (int i = 0; i < n.nodes().size(); i++) {
        if (i > 0) sb.append(',');
        node(sb, n.nodes().get(i));
      }
      sb.append(']');
    }
    sb.append(",\"createdIndex\":").append(n.createdIndex());
    sb.append(",\"modifiedIndex\":").append(n.modifiedIndex());
    if (n.expiration() != null) {
      sb.append(",\"expiration\":");
      string(sb, n.expiration());
    }
    if (n.ttl() != 0) sb.append(",\"ttl\":").append(n.ttl());
    sb.append('}');
  }

  static void string(StringBuilder sb, String s) {
    sb.append('"');
    if (s != null) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          case '\t' -> sb.append("\\t");
          case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
          default -> {
            if (c < 0x20) {
              sb.append(String.format("\\u%04x", (int) c));
            } else {
              sb.append(c);
            }
          }
        }
      }
    }
    sb.append('"');
  }
}
