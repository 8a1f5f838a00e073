package io.etcdj.server.history;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a history's quorum operations are linearizable against etcd v2's per-key model.
 *
 * <p>P-compositionality: linearizability is local, so a history is linearizable iff each key's
 * sub-history is, and each key is searched on its own ({@link LinearizationSearch}). What that
 * gives up: etcd's index is global, and the order of writes across keys (key a's index below key
 * b's although b's write finished first) is not checked here. The one fact taken across keys: an
 * index some write answered ok with is that write's, so no write of unknown outcome on another key
 * can have it ({@link TakenIndexes}). Plain reads are not linearizable by design and never reach
 * this checker; see {@link PlainReadChecker}.
 *
 * <p>Stateless apart from its budget; safe to share between threads.
 */
public final class LinearizabilityChecker {
  /**
   * Configurations one key's search may stand in before it gives up. Simulator-sized histories
   * (a few hundred operations over a few keys) need one to a few per operation, valid or not; a
   * million is a thousand times that. A search that uses it all takes a few seconds and up to
   * about 150 MB (for a key with some 400 operations), then answers {@link CheckResult.TooLarge}.
   */
  public static final long DEFAULT_CONFIGURATION_BUDGET = 1_000_000;

  private final long configurationBudget;

  public LinearizabilityChecker() {
    this(DEFAULT_CONFIGURATION_BUDGET);
  }

  public LinearizabilityChecker(long configurationBudget) {
    if (configurationBudget < 1) {
      throw new IllegalArgumentException("budget " + configurationBudget);
    }
    this.configurationBudget = configurationBudget;
  }

  /**
   * Every key of {@code history} checked in key order: the first violation if any key has one,
   * else the first key that ran out of budget, else passed.
   */
  public CheckResult check(History history) {
    Map<String, List<Operation>> byKey = history.linearizableByKey();
    // indexes are global: one a write on any key took is no unseen write's on this one
    TakenIndexes taken = TakenIndexes.of(history.operations());
    CheckResult undecided = null;
    long configurations = 0;
    for (Map.Entry<String, List<Operation>> partition : byKey.entrySet()) {
      CheckResult r = checkKey(partition.getKey(), partition.getValue(), taken);
      if (r instanceof CheckResult.Violation) {
        return r;
      }
      if (r instanceof CheckResult.TooLarge && undecided == null) {
        undecided = r;
      }
      if (r instanceof CheckResult.Passed p) {
        configurations += p.configurations();
      }
    }
    return undecided != null ? undecided : new CheckResult.Passed(byKey.size(), configurations);
  }

  /**
   * One key's operations (all of them on {@code key}, all {@link Input.Linearizable}), knowing
   * only the indexes this key's own writes took.
   */
  public CheckResult checkKey(String key, List<Operation> operations) {
    return checkKey(key, operations, TakenIndexes.of(operations));
  }

  CheckResult checkKey(String key, List<Operation> operations, TakenIndexes taken) {
    for (Operation op : operations) {
      if (!(op.input() instanceof Input.Linearizable) || !op.input().key().equals(key)) {
        throw new IllegalArgumentException(op + " does not belong to the partition of " + key);
      }
    }
    return new LinearizationSearch(key, withoutIdleUnknowns(operations), taken, configurationBudget).run();
  }

  /**
   * Drops operations with an unknown outcome that no linearization needs. It is always allowed
   * not to take one effect, so dropping one loses no valid order, and each one kept multiplies
   * what the search may have to try. Dropped:
   * <ul>
   *   <li>those that can change nothing: reads, and compares against a value nobody writes;
   *   <li>those invoked after every known answer arrived: taking effect there is seen by nobody;
   *   <li>writes of a value no other operation mentions (no read finds it, no write reports it as
   *       previous, no compare names it) while no compare failed with 101 against another value.
   *       After such a write the key holds a value no known answer accepts, so only an unknown
   *       put or delete could come next, and an unknown write followed straight by one of those
   *       can be left out of any order (see {@link LinearizationSearch}). A simulator that writes
   *       unique values produces many of these (writes that timed out and never applied).
   * </ul>
   */
  static List<Operation> withoutIdleUnknowns(List<Operation> operations) {
    Set<String> written = new HashSet<>();
    Set<String> mentioned = new HashSet<>();
    Set<String> failedAgainst = new HashSet<>();
    long lastReturnTick = Long.MIN_VALUE;
    for (Operation op : operations) {
      Input in = op.input();
      if (in instanceof Input.Put p) {
        written.add(p.value());
      } else if (in instanceof Input.CompareAndSwap c) {
        written.add(c.value());
        mentioned.add(c.prevValue());
      } else if (in instanceof Input.CompareAndDelete c) {
        mentioned.add(c.prevValue());
      }
      if (op.outcome() instanceof Outcome.Returned r) {
        lastReturnTick = Math.max(lastReturnTick, r.returnTick());
        if (r.output() instanceof Output.Found f) {
          mentioned.add(f.value());
        } else if (r.output() instanceof Output.Ok ok) {
          ok.prevValue().ifPresent(mentioned::add);
        } else if (r.output() instanceof Output.Err e && e.code().code == 101) {
          if (in instanceof Input.CompareAndSwap c) {
            failedAgainst.add(c.prevValue());
          } else if (in instanceof Input.CompareAndDelete c) {
            failedAgainst.add(c.prevValue());
          }
        }
      }
    }
    List<Operation> kept = new ArrayList<>(operations.size());
    for (Operation op : operations) {
      boolean idle = op.unknown()
          && (op.invokeTick() > lastReturnTick
              || !KeyModel.canTakeEffect((Input.Linearizable) op.input(), written)
              || unobservable(op.input(), mentioned, failedAgainst));
      if (!idle) {
        kept.add(op);
      }
    }
    return kept;
  }

  private static boolean unobservable(Input in, Set<String> mentioned, Set<String> failedAgainst) {
    String value = in instanceof Input.Put p ? p.value()
        : in instanceof Input.CompareAndSwap c ? c.value() : null;
    if (value == null || mentioned.contains(value)) {
      return false;
    }
    // a failed compare against another value is explained by the key holding this one
    for (String other : failedAgainst) {
      if (!other.equals(value)) {
        return false;
      }
    }
    return true;
  }
}
