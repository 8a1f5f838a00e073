package io.etcdj.http.compat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/** Lists where two JSON values differ, one line per path, so a failure says exactly what. */
final class JsonDiff {
  private static final int MAX_LINES = 12;

  private JsonDiff() { }

  static List<String> between(JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    walk("", expected, actual, out);
    if (out.size() > MAX_LINES) {
      int more = out.size() - MAX_LINES;
      out = new ArrayList<>(out.subList(0, MAX_LINES));
      out.add("... and " + more + " more differences");
    }
    return out;
  }

  private static void walk(String path, JsonNode expected, JsonNode actual, List<String> out) {
    if (expected.equals(actual)) {
      return;
    }
    String where = path.isEmpty() ? "(root)" : path;
    if (expected.isObject() && actual.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String child = path.isEmpty() ? name : path + "." + name;
        if (!actual.has(name)) {
          out.add(child + ": missing (etcd has " + brief(expected.get(name)) + ")");
        } else if (!expected.has(name)) {
          out.add(child + ": unexpected " + brief(actual.get(name)) + " (etcd has no such field)");
        } else {
          walk(child, expected.get(name), actual.get(name), out);
        }
      }
    } else if (expected.isArray() && actual.isArray()) {
      if (expected.size() != actual.size()) {
        out.add(where + ": etcd has " + expected.size() + " elements, etcdj " + actual.size()
            + "; etcd " + ResponseComparison.abbreviate(keys(expected)) + " etcdj "
            + ResponseComparison.abbreviate(keys(actual)));
        return;
      }
      for (int i = 0; i < expected.size(); i++) {
        walk(path + "[" + i + "]", expected.get(i), actual.get(i), out);
      }
    } else {
      out.add(where + ": etcd " + brief(expected) + " but etcdj " + brief(actual));
    }
  }

  private static String brief(JsonNode value) {
    return ResponseComparison.abbreviate(value.toString());
  }

  /** The "key" fields of node arrays (or the elements), to show which children differ. */
  private static String keys(JsonNode array) {
    List<String> keys = new ArrayList<>();
    for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
      JsonNode e = it.next();
      keys.add(e.has("key") ? e.get("key").asText() : e.toString());
    }
    return keys.toString();
  }
}
