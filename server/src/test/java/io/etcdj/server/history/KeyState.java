package io.etcdj.server.history;

/**
 * The model's state of one key: absent, or present with a value and a modifiedIndex.
 *
 * <p>{@code index} is the index of the key's last event (its write, or its delete; 0 before any),
 * which every later write on the key must exceed: etcd's index only grows. After a write whose
 * outcome is unknown the search cannot know that index, only a lower bound on it, so
 * {@code indexKnown} says whether {@code index} is exact or "at least"; a later read that sees
 * the index pins it. Such an index is also none a known write took ({@link TakenIndexes}).
 *
 * @param value the value when present; empty (and meaningless) when absent
 */
record KeyState(boolean present, String value, long index, boolean indexKnown) {

  /** Every key starts absent, before any index. */
  static final KeyState INITIAL = absent(0);

  static KeyState absent(long deletedAt) {
    return new KeyState(false, "", deletedAt, true);
  }

  /** Absent after a delete whose index nobody saw. */
  static KeyState absentAtLeast(long deletedAtLeast) {
    return new KeyState(false, "", deletedAtLeast, false);
  }

  static KeyState present(String value, long modifiedIndex) {
    return new KeyState(true, value, modifiedIndex, true);
  }

  /** Present after a write whose index nobody saw. */
  static KeyState presentAtLeast(String value, long modifiedIndexAtLeast) {
    return new KeyState(true, value, modifiedIndexAtLeast, false);
  }

  /** Whether a write reported at {@code modifiedIndex} may follow this state (indexes grow). */
  boolean acceptsNextIndex(long modifiedIndex, TakenIndexes taken) {
    // a bound: the unseen last event took some free index in [index, modifiedIndex)
    return indexKnown ? modifiedIndex > index : taken.anyFreeIn(index, modifiedIndex);
  }

  /** Whether a read may see this state as {@code value} at {@code modifiedIndex}. */
  boolean shows(String value, long modifiedIndex, TakenIndexes taken) {
    if (!present || !this.value.equals(value)) {
      return false;
    }
    return indexKnown ? modifiedIndex == index : modifiedIndex >= index && !taken.contains(modifiedIndex);
  }

  /**
   * Whether every answer this state accepts, now or after any further steps, {@code other}
   * would accept too: equal, or the same key contents with a lower bound on the index (for an
   * absent key, whose index reads do not show, an exact index below the bound also does).
   */
  boolean dominates(KeyState other) {
    if (equals(other)) {
      return true;
    }
    if (present != other.present || !value.equals(other.value) || other.indexKnown) {
      return false;
    }
    return indexKnown ? !present && index < other.index : index <= other.index;
  }

  /** The bound on the index of an unseen event after this state: past the current one. */
  long nextIndexAtLeast() {
    return index + 1;
  }

  @Override
  public String toString() {
    String at = (indexKnown ? "@" : "@>=") + index;
    if (!present) {
      return index == 0 && indexKnown ? "absent" : "absent (deleted " + at + ")";
    }
    return "\"" + value + "\" " + at;
  }
}
