package io.etcdj.server.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A history's writes, indexed the ways {@link PlainReadChecker} asks about them. */
final class Writes {
  /** Every index a write answered ok with, on any key, and the write. */
  private final Map<Long, Operation> byIndex = new HashMap<>();
  /** Per key, the value-setting writes (put, compareAndSwap) whose outcome is unknown. */
  private final Map<String, List<Operation>> unknownSets = new HashMap<>();
  /** Per key, deletes (delete, compareAndDelete): answered ok, or of unknown outcome. */
  private final Map<String, List<Operation>> deletes = new HashMap<>();

  private Writes() {}

  static Writes of(History history) {
    Writes w = new Writes();
    for (Operation op : history.operations()) {
      Input in = op.input();
      boolean sets = in instanceof Input.Put || in instanceof Input.CompareAndSwap;
      boolean deletes = in instanceof Input.Delete || in instanceof Input.CompareAndDelete;
      if (!sets && !deletes) {
        continue;
      }
      if (op.outcome() instanceof Outcome.Returned r) {
        if (!(r.output() instanceof Output.Ok ok)) {
          continue; // refused: wrote nothing
        }
        w.byIndex.put(ok.modifiedIndex(), op);
      } else if (sets) {
        w.unknownSets.computeIfAbsent(in.key(), k -> new ArrayList<>()).add(op);
      }
      if (deletes) {
        w.deletes.computeIfAbsent(in.key(), k -> new ArrayList<>()).add(op);
      }
    }
    return w;
  }

  /** The value-setting write on {@code key} answered ok at {@code index}, or null. */
  Operation knownAt(String key, long index) {
    Operation op = byIndex.get(index);
    boolean sets = op != null && (op.input() instanceof Input.Put || op.input() instanceof Input.CompareAndSwap);
    return sets && op.input().key().equals(key) ? op : null;
  }

  /** Whether some write answered ok with {@code index} (which then is no unknown write's). */
  boolean indexTaken(long index) {
    return byIndex.containsKey(index);
  }

  List<Operation> unknown(String key) {
    return unknownSets.getOrDefault(key, List.of());
  }

  /**
   * Whether a delete of {@code key} invoked by {@code byTick} could have removed a value seen at
   * {@code index}: one answered ok past that index, or one whose outcome is unknown.
   */
  boolean deletedAfter(String key, long index, long byTick) {
    for (Operation d : deletes.getOrDefault(key, List.of())) {
      boolean past = d.outcome() instanceof Outcome.Returned r && ((Output.Ok) r.output()).modifiedIndex() > index;
      if ((past || d.unknown()) && d.invokeTick() <= byTick) {
        return true;
      }
    }
    return false;
  }
}
