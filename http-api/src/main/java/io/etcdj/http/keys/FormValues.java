package io.etcdj.http.keys;

import java.util.Arrays;

/**
 * A request's parameters in Go's {@code r.Form} order: body values first, then query values.
 * Lookups take the first value, as etcd's getBool/getUint64/FormValue do. Requests carry a
 * handful of parameters, so a flat array scanned linearly beats a hash map here.
 * Owned by the event loop that parses the request; never shared.
 */
final class FormValues {
  private static final String[] NONE = {};

  private String[] pairs = NONE; // name0, value0, name1, value1, ...; most GETs never add one
  private int size; // number of used slots in pairs (twice the number of parameters)

  void add(String name, String value) {
    if (size == pairs.length) {
      pairs = Arrays.copyOf(pairs, Math.max(4, size * 2)); // a PUT's value, a flag or two
    }
    pairs[size++] = name;
    pairs[size++] = value;
  }

  /** Whether the parameter was given at all (Go: {@code _, ok := r.Form[name]}). */
  boolean contains(String name) {
    return indexOf(name) >= 0;
  }

  /** The first value of {@code name}, or null when absent. */
  String first(String name) {
    int i = indexOf(name);
    return i < 0 ? null : pairs[i + 1];
  }

  /** Go's {@code r.FormValue(name)}: the first value, or "" when absent. */
  String valueOrEmpty(String name) {
    String v = first(name);
    return v == null ? "" : v;
  }

  int count() {
    return size / 2;
  }

  private int indexOf(String name) {
    for (int i = 0; i < size; i += 2) {
      if (pairs[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
