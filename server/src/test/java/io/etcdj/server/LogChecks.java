package io.etcdj.server;

import io.etcdj.raft.Entry;
import io.etcdj.raft.EntryType;
import io.etcdj.raft.MemoryLogStorage;
import io.etcdj.raft.SnapshotMetadata;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raft's log matching and state-machine safety, checked as logs are written and entries applied,
 * plus leader completeness for {@link ElectionChecks}.
 *
 * <p>Log matching is checked incrementally, as each entry is written: an (index, term) names one
 * entry only, and the entry before it has one term only. By induction over the index, two logs
 * holding the same (index, term) then agree on every entry up to it, which is the property; each
 * write costs a map lookup instead of a comparison of whole logs. {@link #checkLogsMatch} compares
 * whole logs pairwise too, once at the end of a schedule.
 *
 * <p>State-machine safety: every member applies the same entry at each index, and its store's
 * index after that entry is the same (the store's index counts its writes, so a member that
 * applied one write twice, or skipped one, shows a different index from there on). Each member
 * incarnation applies each index once, in order.
 */
final class LogChecks implements SimObserver {
  private record IndexTerm(long index, long term) {}

  /** What the first writer of an (index, term) wrote, and the term of the entry before it (-1: compacted). */
  private record Written(EntryType type, byte[] data, long previousTerm, String member) {}

  private final Map<IndexTerm, Written> written = new HashMap<>();
  private final Map<SimMember, Long> lastApplied = new IdentityHashMap<>();
  private long[] termAt = new long[1024];
  private long[] storeIndexAt = new long[1024];
  private Entry[] entryAt = new Entry[1024];
  private String[] appliedFirstBy = new String[1024];
  private long highestApplied;
  private long entriesApplied;

  long highestApplied() { return highestApplied; }

  long entriesApplied() { return entriesApplied; }

  /** The term of the entry applied at {@code index} anywhere, or 0 if none has been. */
  long appliedTerm(long index) { return index < termAt.length ? termAt[(int) index] : 0; }

  @Override public void started(SimMember m) {
    lastApplied.put(m, m.runtime().status().appliedIndex());
  }

  @Override public void saved(SimMember m, List<Entry> entries, MemoryLogStorage log) {
    long snapshotIndex = log.firstIndex() - 1;
    for (Entry e : entries) {
      if (e.index() <= snapshotIndex) {
        continue; // covered by the snapshot, not written
      }
      long previousTerm = e.index() - 1 >= snapshotIndex ? log.term(e.index() - 1) : -1;
      Written w = new Written(e.type(), e.data(), previousTerm, m.name());
      Written first = written.putIfAbsent(new IndexTerm(e.index(), e.term()), w);
      if (first == null) {
        continue;
      }
      if (first.type != e.type() || !Arrays.equals(first.data, e.data())) {
        throw new InvariantViolation("log matching", m.name() + " wrote " + describe(e) + " where "
            + first.member + " wrote a different entry at the same index and term");
      }
      if (first.previousTerm >= 0 && previousTerm >= 0 && first.previousTerm != previousTerm) {
        throw new InvariantViolation("log matching", m.name() + " holds " + describe(e) + " after an entry of term "
            + previousTerm + ", " + first.member + " holds it after one of term " + first.previousTerm);
      }
    }
  }

  @Override public void applied(SimMember m, Entry entry, long storeIndex) {
    long index = entry.index();
    long last = lastApplied.getOrDefault(m, 0L);
    if (index != last + 1) {
      throw new InvariantViolation("state-machine safety", m.name() + " applied index " + index + " after " + last
          + (index <= last ? ": an index applied twice" : ": a gap"));
    }
    lastApplied.put(m, index);
    entriesApplied++;
    grow(index);
    int i = (int) index;
    Entry first = entryAt[i];
    if (first == null) {
      entryAt[i] = entry;
      termAt[i] = entry.term();
      storeIndexAt[i] = storeIndex;
      appliedFirstBy[i] = m.name();
      highestApplied = Math.max(highestApplied, index);
      return;
    }
    if (first.term() != entry.term() || first.type() != entry.type() || !Arrays.equals(first.data(), entry.data())) {
      throw new InvariantViolation("state-machine safety", m.name() + " applied " + describe(entry) + " where "
          + appliedFirstBy[i] + " applied " + describe(first));
    }
    if (storeIndexAt[i] != storeIndex) {
      throw new InvariantViolation("state-machine safety", m.name() + "'s store is at index " + storeIndex
          + " after applying " + describe(entry) + ", " + appliedFirstBy[i] + "'s was at " + storeIndexAt[i]);
    }
  }

  @Override public void restored(SimMember m, SnapshotMetadata snapshot, long storeIndex) {
    long index = snapshot.index();
    lastApplied.put(m, index);
    grow(index);
    int i = (int) index;
    if (termAt[i] != 0 && termAt[i] != snapshot.term()) {
      throw new InvariantViolation("state-machine safety", m.name() + " restored a snapshot at index " + index
          + " of term " + snapshot.term() + " where " + appliedFirstBy[i] + " applied an entry of term " + termAt[i]);
    }
    if (termAt[i] != 0 && storeIndexAt[i] != storeIndex) {
      throw new InvariantViolation("state-machine safety", m.name() + "'s store is at index " + storeIndex
          + " after restoring the snapshot at " + index + ", " + appliedFirstBy[i] + "'s was at " + storeIndexAt[i]);
    }
  }

  /**
   * Leader completeness: a new leader's log holds every entry applied anywhere so far (the
   * caller only asks for a leader of the newest term, which no entry can have been committed
   * after). Entries its snapshot covers are taken as held.
   */
  void checkLeaderCompleteness(SimMember leader, long term) {
    MemoryLogStorage log = leader.disk().log();
    for (long index = Math.max(1, log.firstIndex() - 1); index <= highestApplied; index++) {
      long committedTerm = termAt[(int) index];
      if (committedTerm == 0) {
        continue; // applied nowhere yet
      }
      if (index > log.lastIndex()) {
        throw new InvariantViolation("leader completeness", leader.name() + " leads term " + term
            + " without committed entry " + index + " (its log ends at " + log.lastIndex() + ")");
      }
      if (log.term(index) != committedTerm) {
        throw new InvariantViolation("leader completeness", leader.name() + " leads term " + term + " with term "
            + log.term(index) + " at committed index " + index + ", where term " + committedTerm + " was applied");
      }
    }
  }

  /** Log matching over whole logs, every pair of members (the durable and unsynced parts alike). */
  static void checkLogsMatch(List<SimMember> members) {
    for (int a = 0; a < members.size(); a++) {
      for (int b = a + 1; b < members.size(); b++) {
        checkPair(members.get(a), members.get(b));
      }
    }
  }

  private static void checkPair(SimMember x, SimMember y) {
    MemoryLogStorage a = x.disk().log();
    MemoryLogStorage b = y.disk().log();
    long lo = Math.max(a.firstIndex(), b.firstIndex());
    long hi = Math.min(a.lastIndex(), b.lastIndex());
    long matchAt = -1;
    for (long i = hi; i >= lo; i--) {
      if (a.term(i) == b.term(i)) {
        matchAt = i;
        break;
      }
    }
    if (matchAt < lo) {
      return;
    }
    List<Entry> ea = a.entries(lo, matchAt + 1, Long.MAX_VALUE);
    List<Entry> eb = b.entries(lo, matchAt + 1, Long.MAX_VALUE);
    for (int i = 0; i < ea.size(); i++) {
      Entry p = ea.get(i);
      Entry q = eb.get(i);
      if (p.term() != q.term() || p.type() != q.type() || !Arrays.equals(p.data(), q.data())) {
        throw new InvariantViolation("log matching", x.name() + " and " + y.name() + " agree at " + matchAt
            + " but differ at " + p.index() + ": " + describe(p) + " vs " + describe(q));
      }
    }
  }

  private void grow(long index) {
    if (index < termAt.length) {
      return;
    }
    int n = (int) Math.max(index + 1, termAt.length * 2L);
    termAt = Arrays.copyOf(termAt, n);
    storeIndexAt = Arrays.copyOf(storeIndexAt, n);
    entryAt = Arrays.copyOf(entryAt, n);
    appliedFirstBy = Arrays.copyOf(appliedFirstBy, n);
  }

  static String describe(Entry e) {
    byte[] d = e.data();
    String what = e.type() == EntryType.CONF_CHANGE ? "conf change"
        : d == null || d.length == 0 ? "no-op"
        : EntryCodec.isBarrier(d) ? "barrier " + EntryCodec.requestId(d)
        : "request " + EntryCodec.requestId(d);
    return "(index " + e.index() + ", term " + e.term() + ", " + what + ")";
  }
}
