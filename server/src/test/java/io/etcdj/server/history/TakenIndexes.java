package io.etcdj.server.history;

import java.util.Arrays;
import java.util.List;

/**
 * The indexes writes answered ok with, on any key. Each store index belongs to one event, so a
 * write whose outcome is unknown cannot have taken one of these: when a read pins such a write's
 * index, or a later write bounds it, the index must be free. Sorted, duplicates removed.
 */
record TakenIndexes(long[] sorted) {
  static final TakenIndexes NONE = new TakenIndexes(new long[0]);

  static TakenIndexes of(List<Operation> operations) {
    long[] indexes = operations.stream()
        .filter(op -> op.outcome() instanceof Outcome.Returned r && r.output() instanceof Output.Ok)
        .mapToLong(op -> ((Output.Ok) ((Outcome.Returned) op.outcome()).output()).modifiedIndex())
        .sorted().distinct().toArray();
    return new TakenIndexes(indexes);
  }

  boolean contains(long index) {
    return Arrays.binarySearch(sorted, index) >= 0;
  }

  /** Whether some index in [from, to) is not taken. */
  boolean anyFreeIn(long from, long to) {
    if (from >= to) {
      return false;
    }
    return countBelow(to) - countBelow(from) < to - from;
  }

  private int countBelow(long index) {
    int pos = Arrays.binarySearch(sorted, index);
    return pos >= 0 ? pos : -pos - 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TakenIndexes t && Arrays.equals(sorted, t.sorted);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sorted);
  }

  @Override
  public String toString() {
    return Arrays.toString(sorted);
  }
}
