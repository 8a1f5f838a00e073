package io.etcdj.raft;

import java.util.List;

/** The size an entry counts for against message and Ready byte limits (payload plus header). */
final class EntrySize {
  /** Roughly term, index and type on the wire. */
  private static final int HEADER_BYTES = 17;

  private EntrySize() {}

  static long of(Entry e) { return HEADER_BYTES + (e.data() == null ? 0 : e.data().length); }

  static long of(List<Entry> ents) {
    long total = 0;
    for (Entry e : ents) {
      total += of(e);
    }
    return total;
  }
}
