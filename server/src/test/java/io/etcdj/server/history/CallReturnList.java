package io.etcdj.server.history;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One partition's calls and returns in time order, as a doubly linked list the search lifts an
 * operation out of when it linearizes it and puts back, in reverse order, when it backtracks
 * (Lowe's list; the undo is the "dancing links" trick, so both are O(1)).
 *
 * <p>At one tick calls come before returns, so operations that share a tick are concurrent. An
 * operation with an unknown outcome has a call and no return: it may take effect any time after
 * its call, or never. Entries are numbered 0..n-1; entry n is a sentinel head before the first.
 */
final class CallReturnList {
  static final int END = -1;

  private final int head;
  private final int[] next;
  private final int[] prev;
  private final int[] entryOp;
  private final boolean[] entryIsCall;
  private final int[] callOf;
  private final int[] returnOf;

  CallReturnList(List<Operation> ops) {
    int n = 0;
    for (Operation op : ops) {
      n += op.unknown() ? 1 : 2;
    }
    long[][] order = new long[n][];
    int e = 0;
    for (int i = 0; i < ops.size(); i++) {
      Operation op = ops.get(i);
      order[e++] = new long[] {op.invokeTick(), 0, i};
      if (!op.unknown()) {
        order[e++] = new long[] {op.returnTick(), 1, i};
      }
    }
    Arrays.sort(order, Comparator.<long[]>comparingLong(x -> x[0]).thenComparingLong(x -> x[1])
        .thenComparingLong(x -> x[2]));
    head = n;
    next = new int[n + 1];
    prev = new int[n + 1];
    entryOp = new int[n];
    entryIsCall = new boolean[n];
    callOf = new int[ops.size()];
    returnOf = new int[ops.size()];
    Arrays.fill(returnOf, END);
    int last = head;
    for (e = 0; e < n; e++) {
      int op = (int) order[e][2];
      entryOp[e] = op;
      entryIsCall[e] = order[e][1] == 0;
      if (entryIsCall[e]) {
        callOf[op] = e;
      } else {
        returnOf[op] = e;
      }
      next[last] = e;
      prev[e] = last;
      last = e;
    }
    next[last] = END;
  }

  int first() {
    return next[head];
  }

  int next(int entry) {
    return next[entry];
  }

  int op(int entry) {
    return entryOp[entry];
  }

  boolean isCall(int entry) {
    return entryIsCall[entry];
  }

  int callOf(int op) {
    return callOf[op];
  }

  /** Takes {@code op}'s call and return out of the list. */
  void lift(int op) {
    unlink(callOf[op]);
    if (returnOf[op] != END) {
      unlink(returnOf[op]);
    }
  }

  /** Undoes the latest {@link #lift}, which must have been of {@code op}. */
  void unlift(int op) {
    if (returnOf[op] != END) {
      relink(returnOf[op]);
    }
    relink(callOf[op]);
  }

  private void unlink(int e) {
    next[prev[e]] = next[e];
    if (next[e] != END) {
      prev[next[e]] = prev[e];
    }
  }

  /** An unlinked entry keeps its own links, so it knows where it goes back. */
  private void relink(int e) {
    next[prev[e]] = e;
    if (next[e] != END) {
      prev[next[e]] = e;
    }
  }
}
