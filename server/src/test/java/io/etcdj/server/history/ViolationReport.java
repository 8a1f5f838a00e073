package io.etcdj.server.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the search's deepest dead end into words: the tail of the longest order it found, the
 * state there, the operation whose return came with nothing able to take effect before it, and
 * the operations that were still free to. Kept short on purpose: it is printed next to a seed.
 */
final class ViolationReport {
  /** How many operations of the order found are shown, counting back from its end. */
  static final int ORDER_TAIL = 8;
  /** How many not-yet-linearized operations are shown. */
  static final int PENDING_MAX = 12;

  private ViolationReport() {}

  static CheckResult.Violation of(String key, List<Operation> ops, TakenIndexes taken, int[] order, int blocker,
                                  KeyState state) {
    List<Operation> involved = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    text.append("no order of the ").append(ops.size()).append(" operations on ").append(key)
        .append(" explains their answers; the longest order found takes effect ").append(order.length)
        .append(" of them");
    if (order.length > ORDER_TAIL) {
      text.append(" (last ").append(ORDER_TAIL).append(" shown)");
    }
    text.append(":\n");
    KeyState s = KeyState.INITIAL;
    boolean[] done = new boolean[ops.size()];
    for (int i = 0; i < order.length; i++) {
      Operation op = ops.get(order[i]);
      done[order[i]] = true;
      s = stepForReport(s, op, taken);
      if (i >= order.length - ORDER_TAIL) {
        text.append("  ").append(OperationText.of(op)).append("   => ").append(s).append('\n');
        involved.add(op);
      }
    }
    Operation blocked = ops.get(blocker);
    text.append("then, in state ").append(state).append(", nothing can take effect before this returns:\n  ")
        .append(OperationText.of(blocked)).append('\n');
    involved.add(blocked);
    List<Operation> pending = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      Operation op = ops.get(i);
      if (!done[i] && i != blocker && op.invokeTick() <= blocked.returnTick()) {
        pending.add(op);
      }
    }
    if (!pending.isEmpty()) {
      text.append("not taken effect yet and invoked by then:\n");
      for (Operation op : pending.subList(0, Math.min(PENDING_MAX, pending.size()))) {
        text.append("  ").append(OperationText.of(op)).append('\n');
        involved.add(op);
      }
      if (pending.size() > PENDING_MAX) {
        text.append("  ... and ").append(pending.size() - PENDING_MAX).append(" more\n");
      }
    }
    return new CheckResult.Violation(key, text.toString(), involved);
  }

  private static KeyState stepForReport(KeyState s, Operation op, TakenIndexes taken) {
    Input.Linearizable in = (Input.Linearizable) op.input();
    return (op.outcome() instanceof Outcome.Returned r ? KeyModel.step(s, in, r.output(), taken) : KeyModel.stepUnknown(s, in))
        .orElseThrow(() -> new IllegalStateException("the search's order does not replay at " + op));
  }
}
