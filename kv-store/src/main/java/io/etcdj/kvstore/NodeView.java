package io.etcdj.kvstore;

import java.util.List;

/**
 * An immutable copy of one node as a response or event shows it. {@code value} is null for
 * directories; {@code nodes} is null when children were not asked for; {@code expiration} is
 * null and {@code ttlSeconds} 0 for permanent nodes.
 */
public record NodeView(String key, boolean dir, String value, long createdIndex, long modifiedIndex,
                       String expiration, long ttlSeconds, List<NodeView> nodes) {

  /**
   * Writes this node as etcd's NodeExtern: fields in its struct order (key, value, dir,
   * expiration, ttl, nodes, modifiedIndex, createdIndex) with its omitempty rules. Keys that
   * start with {@code prefix} are written without it (Go's strings.TrimPrefix).
   */
  void writeJson(GoJsonWriter w, String prefix) {
    w.raw('{');
    boolean first = true;
    String k = key != null && !prefix.isEmpty() && key.startsWith(prefix) ? key.substring(prefix.length()) : key;
    if (k != null && !k.isEmpty()) {
      w.raw("\"key\":").string(k);
      first = false;
    }
    if (value != null) {
      w.raw(first ? "\"value\":" : ",\"value\":").string(value);
      first = false;
    }
    if (dir) {
      w.raw(first ? "\"dir\":true" : ",\"dir\":true");
      first = false;
    }
    if (expiration != null) {
      w.raw(first ? "\"expiration\":" : ",\"expiration\":").string(expiration);
      first = false;
    }
    if (ttlSeconds != 0) {
      w.raw(first ? "\"ttl\":" : ",\"ttl\":").number(ttlSeconds);
      first = false;
    }
    if (nodes != null && !nodes.isEmpty()) {
      w.raw(first ? "\"nodes\":[" : ",\"nodes\":[");
      for (int i = 0; i < nodes.size(); i++) {
        if (i > 0) {
          w.raw(',');
        }
        nodes.get(i).writeJson(w, prefix);
      }
      w.raw(']');
      first = false;
    }
    if (modifiedIndex != 0) {
      w.raw(first ? "\"modifiedIndex\":" : ",\"modifiedIndex\":").unsigned(modifiedIndex);
      first = false;
    }
    if (createdIndex != 0) {
      w.raw(first ? "\"createdIndex\":" : ",\"createdIndex\":").unsigned(createdIndex);
    }
    w.raw('}');
  }

  /** A rough size of the JSON, to size the buffer once. */
  int jsonSizeHint() {
    int size = 96 + (key == null ? 0 : key.length()) + (value == null ? 0 : value.length());
    if (nodes != null) {
      for (NodeView child : nodes) {
        size += child.jsonSizeHint();
      }
    }
    return size;
  }
}
