package io.etcdj.server.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A finished history: every operation a run's clients invoked, in invocation order. */
public record History(List<Operation> operations) {

  public History {
    operations = List.copyOf(operations);
  }

  public static History of(Operation... operations) {
    return new History(List.of(operations));
  }

  /**
   * The linearizable operations grouped by key, keys in sorted order so reports come out the
   * same on every replay. Plain reads are left out: they are not linearizable by design.
   */
  public Map<String, List<Operation>> linearizableByKey() {
    Map<String, List<Operation>> byKey = new TreeMap<>();
    for (Operation op : operations) {
      if (op.input() instanceof Input.Linearizable) {
        byKey.computeIfAbsent(op.input().key(), k -> new ArrayList<>()).add(op);
      }
    }
    return byKey;
  }
}
