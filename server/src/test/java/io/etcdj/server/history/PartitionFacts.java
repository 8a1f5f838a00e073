package io.etcdj.server.history;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What {@link LinearizationSearch}'s rules need to know about a partition, worked out once. */
final class PartitionFacts {
  private PartitionFacts() {}

  /**
   * For each operation with an unknown outcome, the one invoked just before it with an equal
   * input (its twin, which the search takes effect first), or -1; -1 for known operations.
   * Invocation order is the order calls have in the {@link CallReturnList}.
   */
  static int[] twins(List<Operation> ops) {
    int[] twin = new int[ops.size()];
    Arrays.fill(twin, -1);
    Integer[] byInvocation = new Integer[ops.size()];
    for (int i = 0; i < byInvocation.length; i++) {
      byInvocation[i] = i;
    }
    Arrays.sort(byInvocation, Comparator.<Integer>comparingLong(i -> ops.get(i).invokeTick()).thenComparingInt(i -> i));
    Map<Input, Integer> lastWith = new HashMap<>();
    for (int i : byInvocation) {
      if (ops.get(i).unknown()) {
        Integer previous = lastWith.put(ops.get(i).input(), i);
        twin[i] = previous == null ? -1 : previous;
      }
    }
    return twin;
  }

  /**
   * For each write answered ok, how many writes answered ok have a lower modifiedIndex (it may
   * take effect once that many have); -1 for every other operation.
   */
  static int[] okWritesBelow(List<Operation> ops) {
    int[] below = new int[ops.size()];
    Arrays.fill(below, -1);
    long[] indexes = ops.stream().filter(PartitionFacts::isOkWrite).mapToLong(PartitionFacts::okIndex).sorted().toArray();
    for (int i = 0; i < ops.size(); i++) {
      if (isOkWrite(ops.get(i))) {
        int pos = Arrays.binarySearch(indexes, okIndex(ops.get(i)));
        while (pos > 0 && indexes[pos - 1] == indexes[pos]) {
          pos--;
        }
        below[i] = pos;
      }
    }
    return below;
  }

  private static boolean isOkWrite(Operation op) {
    return op.outcome() instanceof Outcome.Returned r && r.output() instanceof Output.Ok;
  }

  private static long okIndex(Operation op) {
    return ((Output.Ok) ((Outcome.Returned) op.outcome()).output()).modifiedIndex();
  }
}
