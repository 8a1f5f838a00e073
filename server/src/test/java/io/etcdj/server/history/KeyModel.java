package io.etcdj.server.history;

import io.etcdj.kvstore.ErrorCode;
import java.util.Optional;
import java.util.Set;

/**
 * etcd v2's sequential behaviour on one key (KeyTree's set, compareAndSwap, delete and
 * compareAndDelete, and a quorum get), as the linearization search steps it: given a state and
 * an operation with its answer, the state after it, or empty when that answer is impossible there.
 *
 * <p>Only what one key shows is checked. The store's index is global, so it also orders writes
 * across keys; checking that would need the whole history in one search, which P-compositionality
 * gives up for speed. Per key, indexes must grow and be exactly what reads see.
 */
final class KeyModel {
  private KeyModel() {}

  /**
   * The state after {@code input} answered {@code output} in {@code s}, if etcd could answer so;
   * {@code taken} are indexes known writes took, which no unseen write can have.
   */
  static Optional<KeyState> step(KeyState s, Input.Linearizable input, Output output, TakenIndexes taken) {
    if (input instanceof Input.Get) {
      if (output instanceof Output.Found f) {
        // a read pins an index the search only had a bound on
        if (!s.shows(f.value(), f.modifiedIndex(), taken)) {
          return Optional.empty();
        }
        return Optional.of(s.indexKnown() ? s : KeyState.present(f.value(), f.modifiedIndex()));
      }
      return s.present() ? Optional.empty() : Optional.of(s);
    }
    if (input instanceof Input.Put put) {
      return output instanceof Output.Ok ok && wrote(s, ok, currentValue(s), taken)
          ? Optional.of(KeyState.present(put.value(), ok.modifiedIndex()))
          : Optional.empty();
    }
    if (input instanceof Input.CompareAndSwap cas) {
      return compared(s, cas.prevValue(), output, KeyState.present(cas.value(), index(output)), taken);
    }
    if (input instanceof Input.CompareAndDelete cad) {
      return compared(s, cad.prevValue(), output, KeyState.absent(index(output)), taken);
    }
    Input.Delete del = (Input.Delete) input;
    if (output instanceof Output.Err err) {
      return err.code() == ErrorCode.KEY_NOT_FOUND && !s.present() ? Optional.of(s) : Optional.empty();
    }
    return s.present() && wrote(s, (Output.Ok) output, currentValue(s), taken)
        ? Optional.of(KeyState.absent(((Output.Ok) output).modifiedIndex()))
        : Optional.empty();
  }

  /**
   * The state after {@code input} took effect without anyone hearing its answer, or empty when
   * taking effect would change nothing. An operation with an unknown outcome need not be
   * linearized at all (it may never have happened), so a step that changes nothing only adds
   * configurations to the search and is left out.
   */
  static Optional<KeyState> stepUnknown(KeyState s, Input.Linearizable input) {
    long next = s.nextIndexAtLeast();
    if (input instanceof Input.Put put) {
      return Optional.of(KeyState.presentAtLeast(put.value(), next));
    }
    if (input instanceof Input.CompareAndSwap cas) {
      return holds(s, cas.prevValue()) ? Optional.of(KeyState.presentAtLeast(cas.value(), next)) : Optional.empty();
    }
    if (input instanceof Input.CompareAndDelete cad) {
      return holds(s, cad.prevValue()) ? Optional.of(KeyState.absentAtLeast(next)) : Optional.empty();
    }
    if (input instanceof Input.Delete) {
      return s.present() ? Optional.of(KeyState.absentAtLeast(next)) : Optional.empty();
    }
    return Optional.empty(); // a read changes nothing
  }

  /**
   * Whether an operation with an unknown outcome can ever change the key, given every value the
   * partition's writes could put there. One that cannot is dropped before the search.
   */
  static boolean canTakeEffect(Input.Linearizable input, Set<String> writtenValues) {
    if (input instanceof Input.Get) {
      return false;
    }
    if (input instanceof Input.CompareAndSwap cas) {
      return writtenValues.contains(cas.prevValue());
    }
    if (input instanceof Input.CompareAndDelete cad) {
      return writtenValues.contains(cad.prevValue());
    }
    return true;
  }

  /** etcd's compare step: 100 when absent, 101 when the value differs, else the write. */
  private static Optional<KeyState> compared(KeyState s, String prevValue, Output output, KeyState after,
                                              TakenIndexes taken) {
    if (output instanceof Output.Err err) {
      ErrorCode expected = !s.present() ? ErrorCode.KEY_NOT_FOUND
          : holds(s, prevValue) ? null : ErrorCode.TEST_FAILED;
      return err.code() == expected ? Optional.of(s) : Optional.empty();
    }
    return holds(s, prevValue) && wrote(s, (Output.Ok) output, Optional.of(prevValue), taken)
        ? Optional.of(after)
        : Optional.empty();
  }

  /** A write's answer fits {@code s}: its index grows past the key's, and prevNode is the state. */
  private static boolean wrote(KeyState s, Output.Ok ok, Optional<String> current, TakenIndexes taken) {
    return s.acceptsNextIndex(ok.modifiedIndex(), taken) && ok.prevValue().equals(current);
  }

  private static boolean holds(KeyState s, String value) {
    return s.present() && s.value().equals(value);
  }

  private static Optional<String> currentValue(KeyState s) {
    return s.present() ? Optional.of(s.value()) : Optional.empty();
  }

  private static long index(Output output) {
    return output instanceof Output.Ok ok ? ok.modifiedIndex() : 0;
  }
}
