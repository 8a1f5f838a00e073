package io.etcdj.server.history;

import java.util.List;
import java.util.Optional;

/**
 * The definition of linearizability, searched by brute force, to check the real search against
 * on histories small enough: try every operation that may go next (invoked before every
 * operation still waiting has returned), in every order, with no list, no cache, none of the
 * search's reductions and no dropped unknown operations. Shares only {@link KeyModel} with it.
 */
final class ExhaustiveSearch {
  private ExhaustiveSearch() {}

  static boolean linearizable(List<Operation> ops) {
    if (ops.size() > 16) {
      throw new IllegalArgumentException("too many operations for brute force: " + ops.size());
    }
    return extend(ops, TakenIndexes.of(ops), 0, KeyState.INITIAL);
  }

  private static boolean extend(List<Operation> ops, TakenIndexes taken, int done, KeyState state) {
    if (allKnownDone(ops, done)) {
      return true;
    }
    for (int i = 0; i < ops.size(); i++) {
      if ((done & (1 << i)) != 0 || !mayGoNext(ops, done, ops.get(i))) {
        continue;
      }
      Operation op = ops.get(i);
      Input.Linearizable in = (Input.Linearizable) op.input();
      Optional<KeyState> after = op.outcome() instanceof Outcome.Returned r
          ? KeyModel.step(state, in, r.output(), taken)
          // taking effect with a change; not taking effect is the case of never choosing it
          : KeyModel.stepUnknown(state, in);
      if (after.isPresent() && extend(ops, taken, done | (1 << i), after.get())) {
        return true;
      }
    }
    return false;
  }

  private static boolean mayGoNext(List<Operation> ops, int done, Operation candidate) {
    for (int j = 0; j < ops.size(); j++) {
      if ((done & (1 << j)) == 0 && ops.get(j).precedes(candidate)) {
        return false;
      }
    }
    return true;
  }

  private static boolean allKnownDone(List<Operation> ops, int done) {
    for (int i = 0; i < ops.size(); i++) {
      if ((done & (1 << i)) == 0 && !ops.get(i).unknown()) {
        return false;
      }
    }
    return true;
  }
}
