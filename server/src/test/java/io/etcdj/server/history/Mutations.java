package io.etcdj.server.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Breaks one answer of a {@link GeneratedHistory} in a way no linearization can explain. Each
 * mutation picks, among the operations where it is sure to be detectable (the reason is on each
 * method), one at random, and returns the history with that answer replaced; empty when the
 * history has no such place.
 */
final class Mutations {
  static final String NEVER_WRITTEN = "never-written";

  private Mutations() {}

  /**
   * A quorum read answers the state from before a write that had returned before the read was
   * invoked (a stale read, or a lost acknowledged write). Detectable when that state was present:
   * the read must come after the write, after which the key's index is past the old one.
   */
  static Optional<History> staleReadAfterCompletedWrite(GeneratedHistory g, Random rnd) {
    List<Operation> ops = g.history().operations();
    List<int[]> candidates = new ArrayList<>();
    for (int r = 0; r < ops.size(); r++) {
      if (!isKnownQuorumRead(ops.get(r))) {
        continue;
      }
      for (int w = 0; w < ops.size(); w++) {
        if (sameKey(ops.get(w), ops.get(r)) && isOkWrite(ops.get(w)) && ops.get(w).precedes(ops.get(r))
            && g.truths().get(w).before().isPresent()) {
          candidates.add(new int[] {r, w});
        }
      }
    }
    return pick(candidates, rnd).map(c -> {
      GeneratedHistory.Truth before = g.truths().get(c[1]);
      return withOutput(g.history(), c[0], new Output.Found(before.before().get(), before.beforeIndex()));
    });
  }

  /**
   * A write reports the modifiedIndex of a write on the same key that returned before it was
   * invoked: the key's index must have grown past that one.
   */
  static Optional<History> indexNotGrowing(GeneratedHistory g, Random rnd) {
    List<Operation> ops = g.history().operations();
    List<int[]> candidates = new ArrayList<>();
    for (int later = 0; later < ops.size(); later++) {
      for (int earlier = 0; earlier < ops.size(); earlier++) {
        if (isOkWrite(ops.get(later)) && isOkWrite(ops.get(earlier)) && sameKey(ops.get(later), ops.get(earlier))
            && ops.get(earlier).precedes(ops.get(later))) {
          candidates.add(new int[] {later, earlier});
        }
      }
    }
    return pick(candidates, rnd).map(c -> {
      Output.Ok ok = (Output.Ok) output(ops.get(c[0]));
      long earlierIndex = ((Output.Ok) output(ops.get(c[1]))).modifiedIndex();
      return withOutput(g.history(), c[0], new Output.Ok(earlierIndex, ok.prevValue()));
    });
  }

  /** A quorum read answers a value no operation ever wrote. */
  static Optional<History> readOfUnwrittenValue(GeneratedHistory g, Random rnd) {
    List<Operation> ops = g.history().operations();
    List<int[]> candidates = new ArrayList<>();
    for (int r = 0; r < ops.size(); r++) {
      if (isKnownQuorumRead(ops.get(r))) {
        candidates.add(new int[] {r});
      }
    }
    return pick(candidates, rnd).map(c -> withOutput(g.history(), c[0], new Output.Found(NEVER_WRITTEN, 1)));
  }

  /** A write reports a previous value no operation ever wrote. */
  static Optional<History> wrongPreviousValue(GeneratedHistory g, Random rnd) {
    List<Operation> ops = g.history().operations();
    List<int[]> candidates = new ArrayList<>();
    for (int w = 0; w < ops.size(); w++) {
      if (isOkWrite(ops.get(w))) {
        candidates.add(new int[] {w});
      }
    }
    return pick(candidates, rnd).map(c -> {
      Output.Ok ok = (Output.Ok) output(ops.get(c[0]));
      return withOutput(g.history(), c[0], Output.Ok.replaced(ok.modifiedIndex(), NEVER_WRITTEN));
    });
  }

  /**
   * A quorum read sees the right value at an index no write of it had, as if the write had been
   * applied a second time. Detectable when no write of that value on the key has an unknown
   * outcome (whose index the search could not know).
   */
  static Optional<History> readAtIndexNoWriteHad(GeneratedHistory g, Random rnd) {
    List<Operation> ops = g.history().operations();
    List<int[]> candidates = new ArrayList<>();
    for (int r = 0; r < ops.size(); r++) {
      if (isKnownQuorumRead(ops.get(r)) && output(ops.get(r)) instanceof Output.Found f
          && !hasUnknownWriteOf(ops, ops.get(r).input().key(), f.value())) {
        candidates.add(new int[] {r});
      }
    }
    return pick(candidates, rnd).map(c -> {
      Output.Found f = (Output.Found) output(ops.get(c[0]));
      return withOutput(g.history(), c[0], new Output.Found(f.value(), f.modifiedIndex() + 1_000_000_000L));
    });
  }

  /** {@code history} with operation {@code at}'s answer replaced (same return tick). */
  static History withOutput(History history, int at, Output output) {
    List<Operation> ops = new ArrayList<>(history.operations());
    Operation op = ops.get(at);
    ops.set(at, new Operation(op.id(), op.client(), op.input(), op.invokeTick(),
        new Outcome.Returned(op.returnTick(), output)));
    return new History(ops);
  }

  private static boolean hasUnknownWriteOf(List<Operation> ops, String key, String value) {
    for (Operation op : ops) {
      if (op.unknown() && op.input().key().equals(key)
          && (op.input() instanceof Input.Put p && p.value().equals(value)
              || op.input() instanceof Input.CompareAndSwap c && c.value().equals(value))) {
        return true;
      }
    }
    return false;
  }

  private static Optional<int[]> pick(List<int[]> candidates, Random rnd) {
    return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(rnd.nextInt(candidates.size())));
  }

  private static boolean isKnownQuorumRead(Operation op) {
    return op.input() instanceof Input.Get && !op.unknown();
  }

  private static boolean isOkWrite(Operation op) {
    return !op.unknown() && output(op) instanceof Output.Ok;
  }

  private static boolean sameKey(Operation a, Operation b) {
    return a.input().key().equals(b.input().key());
  }

  private static Output output(Operation op) {
    return ((Outcome.Returned) op.outcome()).output();
  }
}
