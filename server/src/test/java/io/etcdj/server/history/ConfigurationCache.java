package io.etcdj.server.history;

import java.util.Arrays;

/**
 * The search's memo: every configuration (set of linearized operations, model state) it has
 * stood in. Reaching one again by another order means everything after it was already tried, so
 * the search does not go on from it (Lowe's cache; Porcupine's too).
 *
 * <p>With subsumption: a configuration the search already left without success also rules out
 * every configuration it <em>dominates</em>, one with no more ways on:
 * <ul>
 *   <li>the same known operations linearized, and a superset of unknown ones (those never have
 *       to take effect, so having used more only removes choices);
 *   <li>the same state, or for a state whose index is only bounded, the same value with a higher
 *       bound (a lower bound accepts every index a higher one does).
 * </ul>
 * Without it, unknown writes that can hide in many places (a put of the value the key already
 * holds, a delete and a re-create nobody looked at) multiply the search by every subset of them.
 * Only configurations whose exploration is {@link #finish finished} subsume others: one still on
 * the search's path may yet succeed.
 *
 * <p>A configuration also says whether its last step was an operation with an unknown outcome,
 * because that changes what the search may try next (see {@link LinearizationSearch}).
 *
 * <p>Flat arrays rather than a {@code HashSet} of records: a pathological partition may fill it to
 * the search's budget of a million or so entries, and boxed keys would cost several times the
 * memory. Entries that could subsume one another (same known operations, flag, presence, value,
 * and exact index if known) form a group, a chained list; the table, open addressing at most half
 * full, points at each group's newest entry. Owned by one search.
 */
final class ConfigurationCache {
  static final int REFUSED = -1;
  private static final int NONE = -1;

  private final int words;
  private final long[] knownMask;
  /** Slot -> newest entry of a group + 1; 0 is an empty slot. */
  private int[] table;
  private int groups;
  private long[] hashes;
  private long[] bits;
  private KeyState[] states;
  private boolean[] afterUnknown;
  private boolean[] finished;
  private int[] nextInGroup;
  private int size;

  /** {@code knownMask} has a bit set for each operation with a known outcome. */
  ConfigurationCache(int words, long[] knownMask) {
    this.words = words;
    this.knownMask = knownMask.clone();
    this.table = new int[64];
    int n = 32;
    this.hashes = new long[n];
    this.bits = new long[n * words];
    this.states = new KeyState[n];
    this.afterUnknown = new boolean[n];
    this.finished = new boolean[n];
    this.nextInGroup = new int[n];
  }

  int size() {
    return size;
  }

  /**
   * Adds the configuration unless a finished one dominates it (or it is there already); returns
   * its entry, or {@link #REFUSED}. {@code knownHash} hashes the known operations only.
   */
  int add(long[] linearized, long knownHash, KeyState state, boolean lastStepUnknown) {
    long hash = mix(knownHash ^ (groupHash(state) * 0x9E3779B97F4A7C15L) ^ (lastStepUnknown ? 1 : 0));
    int mask = table.length - 1;
    for (int slot = (int) hash & mask; ; slot = (slot + 1) & mask) {
      int newest = table[slot] - 1;
      if (newest < 0) {
        int entry = append(hash, linearized, state, lastStepUnknown, NONE);
        table[slot] = entry + 1;
        if (++groups * 2 > table.length) {
          rehash();
        }
        return entry;
      }
      if (hashes[newest] == hash && afterUnknown[newest] == lastStepUnknown && sameGroup(states[newest], state)
          && sameKnown(newest, linearized)) {
        for (int e = newest; e != NONE; e = nextInGroup[e]) {
          if (finished[e] && states[e].index() <= state.index() && unknownSubsetOf(e, linearized)) {
            return REFUSED;
          }
        }
        int entry = append(hash, linearized, state, lastStepUnknown, newest);
        table[slot] = entry + 1;
        return entry;
      }
    }
  }

  /** The search left {@code entry} without success: from now on it subsumes. */
  void finish(int entry) {
    finished[entry] = true;
  }

  /** States that may subsume one another: equal but for an index that is only a bound. */
  private static boolean sameGroup(KeyState a, KeyState b) {
    return a.present() == b.present() && a.indexKnown() == b.indexKnown() && a.value().equals(b.value())
        && (!a.indexKnown() || a.index() == b.index());
  }

  private static long groupHash(KeyState s) {
    long h = s.value().hashCode() * 31L + (s.present() ? 1 : 0) * 2 + (s.indexKnown() ? 1 : 0);
    return s.indexKnown() ? h * 0x9E3779B97F4A7C15L + s.index() : h;
  }

  private int append(long hash, long[] linearized, KeyState state, boolean lastStepUnknown, int next) {
    if (size == hashes.length) {
      int n = size * 2;
      hashes = Arrays.copyOf(hashes, n);
      bits = Arrays.copyOf(bits, n * words);
      states = Arrays.copyOf(states, n);
      afterUnknown = Arrays.copyOf(afterUnknown, n);
      finished = Arrays.copyOf(finished, n);
      nextInGroup = Arrays.copyOf(nextInGroup, n);
    }
    hashes[size] = hash;
    states[size] = state;
    afterUnknown[size] = lastStepUnknown;
    nextInGroup[size] = next;
    System.arraycopy(linearized, 0, bits, size * words, words);
    return size++;
  }

  private boolean sameKnown(int entry, long[] linearized) {
    int base = entry * words;
    for (int w = 0; w < words; w++) {
      if (((bits[base + w] ^ linearized[w]) & knownMask[w]) != 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether the entry's unknown operations are all among {@code linearized}'s. */
  private boolean unknownSubsetOf(int entry, long[] linearized) {
    int base = entry * words;
    for (int w = 0; w < words; w++) {
      if ((bits[base + w] & ~knownMask[w] & ~linearized[w]) != 0) {
        return false;
      }
    }
    return true;
  }

  private void rehash() {
    int[] old = table;
    table = new int[old.length * 2];
    int mask = table.length - 1;
    for (int newest : old) {
      if (newest != 0) {
        int slot = (int) hashes[newest - 1] & mask;
        while (table[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        table[slot] = newest;
      }
    }
  }

  /** A finaliser (splitmix64's) so low bits, which pick the slot, depend on every input bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
