package io.etcdj.server.history;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Wing &amp; Gong's search, as Lowe's just-in-time linearization, over one key's operations: walk
 * the calls and returns in time order; at a call, try to take the operation effect now (a model
 * step); at a return of an operation not yet taken effect, no order of what came before works, so
 * undo the last choice and try the next call after it. Configurations already stood in are in a
 * {@link ConfigurationCache} and not entered twice, which bounds the work by their number.
 *
 * <p>An operation with an unknown outcome has no return, so nothing ever forces it; the search
 * is done as soon as every operation with a known outcome is linearized, the unknown ones left
 * over never having happened (or happening after everything, which nobody observes).
 *
 * <p>Plain Wing &amp; Gong is exponential in how many operations overlap; these rules cut that
 * down, each skipping only orders that some order the search does try can stand in for:
 * <ul>
 *   <li><b>Known writes in index order.</b> Every write answered ok must take effect after those
 *       with a lower modifiedIndex (indexes grow), so it is only tried once they all have.
 *   <li><b>No-ops first, for good.</b> An operation with a known answer that fits the state
 *       without changing it (a read, a refused write) may as well take effect at once: moving it
 *       to the front of any valid order keeps it valid (it was invoked before anything pending
 *       returned, and no state after it changes). So it is never taken back to try something else
 *       first: if the search fails after it, it fails without it.
 *   <li><b>No unknown put or delete straight after an unknown write.</b> A put does not look at
 *       the state, and a delete only at whether the key exists, so in any valid order
 *       "u, then unknown put/delete y" can lose u (and y, if the key was absent without u): the
 *       states after differ at most by a lower index bound, which accepts more, never less.
 *       Whether the last step was an unknown one is part of the configuration for that reason.
 *   <li><b>No unknown steps that lead nowhere new.</b> A run of unknown steps that ends in a state
 *       some state earlier in the run dominates (say "a", then unknown cas a-&gt;b and b-&gt;a) can
 *       be cut out of any valid order; so an unknown step into such a state is not taken.
 *   <li><b>Twins in order.</b> Two unknown operations with equal inputs are interchangeable once
 *       both are invoked, so the later-invoked one is only tried once its twin has taken effect.
 * </ul>
 *
 * <p>Single use; owned by the thread that calls {@link #run}.
 */
final class LinearizationSearch {
  private final String key;
  private final List<Operation> ops;
  private final long configurationBudget;
  private final TakenIndexes taken;

  private final CallReturnList list;
  private final ConfigurationCache cache;
  private final long[] linearized;
  /**
   * Zobrist keys: the hash of a set of operations is the xor of its members' keys. Only known
   * operations count, so configurations that differ in unknown ones meet in the cache.
   */
  private final long[] opHash;
  private long knownHash;
  /** See {@link PartitionFacts#twins}. */
  private final int[] twin;
  /** See {@link PartitionFacts#okWritesBelow}. */
  private final int[] okWritesBelow;
  /** How many writes answered ok are linearized: the index order lets the next one in. */
  private int okWritesDone;

  private final int[] stackOp;
  private final KeyState[] stackState;
  private final boolean[] stackForced;
  /** The cache entry of the configuration each step entered, finished when the step is undone. */
  private final int[] stackEntry;
  private int depth;
  private KeyState state = KeyState.INITIAL;
  private int knownLeft;
  private final boolean hasUnknown;
  /**
   * Which candidates the walk is trying: first only those with a known outcome, then, once it
   * meets a return, only the unknown ones. Unknown operations are invoked early and stay
   * candidates to the end, so in plain list order they would be tried first everywhere; trying
   * them last means the configurations without them are finished first and subsume the ones
   * with them (see {@link ConfigurationCache}).
   */
  private boolean triesUnknown;

  /** The deepest dead end met, for the report: the order that reached it and who blocked it. */
  private int[] bestOrder = new int[0];
  private int bestBlocker = -1;
  private KeyState bestState = KeyState.INITIAL;

  LinearizationSearch(String key, List<Operation> ops, TakenIndexes taken, long configurationBudget) {
    this.key = key;
    this.ops = ops;
    this.taken = taken;
    this.configurationBudget = configurationBudget;
    this.list = new CallReturnList(ops);
    int words = (ops.size() + 63) >>> 6;
    long[] knownMask = new long[words];
    this.opHash = new long[ops.size()];
    for (int i = 0; i < opHash.length; i++) {
      if (!ops.get(i).unknown()) {
        knownMask[i >>> 6] |= 1L << i;
        opHash[i] = ConfigurationCache.mix(i + 0x632BE59BD9B4E019L);
      }
    }
    this.cache = new ConfigurationCache(words, knownMask);
    this.linearized = new long[words];
    this.twin = PartitionFacts.twins(ops);
    this.okWritesBelow = PartitionFacts.okWritesBelow(ops);
    this.stackOp = new int[ops.size()];
    this.stackState = new KeyState[ops.size()];
    this.stackForced = new boolean[ops.size()];
    this.stackEntry = new int[ops.size()];
    for (Operation op : ops) {
      knownLeft += op.unknown() ? 0 : 1;
    }
    this.hasUnknown = knownLeft < ops.size();
  }

  CheckResult run() {
    int entry = list.first();
    while (knownLeft > 0) {
      if (entry == CallReturnList.END) {
        throw new IllegalStateException("walked past every return with operations left: a broken list");
      }
      int op = list.op(entry);
      if (!list.isCall(entry)) {
        if (!triesUnknown && hasUnknown) {
          // every known candidate is tried: now the unknown ones, from the start
          triesUnknown = true;
          entry = list.first();
          continue;
        }
        // op returned and nothing before its return let it take effect
        noteDeadEnd(op);
        if (!backtrack()) {
          return ViolationReport.of(key, ops, taken, bestOrder, bestBlocker, bestState);
        }
        entry = list.next(list.callOf(stackOp[depth]));
        continue;
      }
      Optional<KeyState> after = ops.get(op).unknown() == triesUnknown && mayTry(op)
          ? step(state, ops.get(op))
          : Optional.empty();
      if (after.isPresent() && ops.get(op).unknown() && leadsNowhereNew(after.get())) {
        after = Optional.empty();
      }
      if (after.isEmpty()) {
        entry = list.next(entry);
        continue;
      }
      boolean forced = !ops.get(op).unknown() && after.get() == state;
      int cacheEntry = enter(op, after.get());
      if (cacheEntry != ConfigurationCache.REFUSED) {
        push(op, after.get(), forced, cacheEntry);
        if (cache.size() > configurationBudget) {
          return new CheckResult.TooLarge(key, ops.size(), configurationBudget);
        }
        entry = list.first();
      } else if (!forced) {
        entry = list.next(entry);
      } else {
        // explored before (or dominated by one that was), and failed; for a no-op that means
        // this configuration fails too
        if (!backtrack()) {
          return ViolationReport.of(key, ops, taken, bestOrder, bestBlocker, bestState);
        }
        entry = list.next(list.callOf(stackOp[depth]));
      }
    }
    return new CheckResult.Passed(1, cache.size());
  }

  private void push(int op, KeyState after, boolean forced, int cacheEntry) {
    triesUnknown = false;
    stackOp[depth] = op;
    stackState[depth] = state;
    stackForced[depth] = forced;
    stackEntry[depth] = cacheEntry;
    depth++;
    state = after;
    list.lift(op);
    knownLeft -= ops.get(op).unknown() ? 0 : 1;
    okWritesDone += okWritesBelow[op] >= 0 ? 1 : 0;
  }

  /**
   * Takes back choices down to and including the latest one that has an alternative, which is
   * then {@code stackOp[depth]}: the search goes on after its call. False when there is none.
   */
  private boolean backtrack() {
    while (depth > 0) {
      depth--;
      cache.finish(stackEntry[depth]);
      int undone = stackOp[depth];
      state = stackState[depth];
      leave(undone);
      list.unlift(undone);
      knownLeft += ops.get(undone).unknown() ? 0 : 1;
      okWritesDone -= okWritesBelow[undone] >= 0 ? 1 : 0;
      if (!stackForced[depth]) {
        // go on with the candidates of the same kind after it
        triesUnknown = ops.get(undone).unknown();
        return true;
      }
    }
    return false;
  }

  private Optional<KeyState> step(KeyState state, Operation op) {
    Input.Linearizable input = (Input.Linearizable) op.input();
    return op.outcome() instanceof Outcome.Returned r
        ? KeyModel.step(state, input, r.output(), taken)
        : KeyModel.stepUnknown(state, input);
  }

  /** The rules above: whether {@code op} may take effect next at all. */
  private boolean mayTry(int op) {
    Operation o = ops.get(op);
    if (!o.unknown()) {
      return okWritesBelow[op] < 0 || okWritesBelow[op] == okWritesDone;
    }
    if (twin[op] >= 0 && !isLinearized(twin[op])) {
      return false;
    }
    boolean blind = o.input() instanceof Input.Put || o.input() instanceof Input.Delete;
    return !(blind && lastStepUnknown());
  }

  /** Whether {@code after} is dominated by the state before or within the current unknown run. */
  private boolean leadsNowhereNew(KeyState after) {
    if (state.dominates(after)) {
      return true;
    }
    for (int d = depth - 1; d >= 0 && ops.get(stackOp[d]).unknown(); d--) {
      if (stackState[d].dominates(after)) {
        return true;
      }
    }
    return false;
  }

  private boolean lastStepUnknown() {
    return depth > 0 && ops.get(stackOp[depth - 1]).unknown();
  }

  private boolean isLinearized(int op) {
    return (linearized[op >>> 6] & (1L << op)) != 0;
  }

  /**
   * Marks {@code op} linearized unless the configuration it leads to was already explored;
   * returns its cache entry, or {@link ConfigurationCache#REFUSED}.
   */
  private int enter(int op, KeyState after) {
    linearized[op >>> 6] |= 1L << op;
    knownHash ^= opHash[op];
    int entry = cache.add(linearized, knownHash, after, ops.get(op).unknown());
    if (entry == ConfigurationCache.REFUSED) {
      leave(op);
    }
    return entry;
  }

  private void leave(int op) {
    linearized[op >>> 6] &= ~(1L << op);
    knownHash ^= opHash[op];
  }

  private void noteDeadEnd(int blocker) {
    if (bestBlocker < 0 || depth > bestOrder.length) {
      bestOrder = Arrays.copyOf(stackOp, depth);
      bestBlocker = blocker;
      bestState = state;
    }
  }
}
