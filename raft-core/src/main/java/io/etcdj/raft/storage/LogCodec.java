package io.etcdj.raft.storage;

import io.etcdj.raft.ConfState;
import io.etcdj.raft.Entry;
import io.etcdj.raft.EntryType;
import io.etcdj.raft.HardState;
import io.etcdj.raft.SnapshotMetadata;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The compact binary forms of what the log storage keeps in RocksDB. Stateless. */
final class LogCodec {
  private static final EntryType[] ENTRY_TYPES = EntryType.values();

  private LogCodec() {}

  /** Big-endian, so RocksDB's bytewise order is index order. */
  static byte[] key(long index) {
    byte[] k = new byte[8];
    for (int i = 7; i >= 0; i--) {
      k[i] = (byte) index;
      index >>>= 8;
    }
    return k;
  }

  static long index(byte[] key) { return ByteBuffer.wrap(key).getLong(); }

  /** Type (1 byte), term (8 bytes), then the data as is. */
  static byte[] encodeEntry(Entry e) {
    byte[] data = e.data() == null ? new byte[0] : e.data();
    byte[] out = new byte[9 + data.length];
    out[0] = (byte) e.type().ordinal();
    long t = e.term();
    for (int i = 8; i >= 1; i--) {
      out[i] = (byte) t;
      t >>>= 8;
    }
    System.arraycopy(data, 0, out, 9, data.length);
    return out;
  }

  static Entry decodeEntry(long index, byte[] v) {
    byte[] data = new byte[v.length - 9];
    System.arraycopy(v, 9, data, 0, data.length);
    return new Entry(decodeTerm(v), index, ENTRY_TYPES[v[0]], data);
  }

  static long decodeTerm(byte[] v) { return ByteBuffer.wrap(v, 1, 8).getLong(); }

  static byte[] encodeHardState(HardState hs) {
    return ByteBuffer.allocate(24).putLong(hs.term()).putLong(hs.vote()).putLong(hs.commit()).array();
  }

  static HardState decodeHardState(byte[] v) {
    ByteBuffer b = ByteBuffer.wrap(v);
    return new HardState(b.getLong(), b.getLong(), b.getLong());
  }

  /** Voter count and ids, then learner count and ids. */
  static byte[] encodeConfState(ConfState cs) {
    ByteBuffer b = ByteBuffer.allocate(8 + 8 * (cs.voters().size() + cs.learners().size()));
    putIds(b, cs.voters());
    putIds(b, cs.learners());
    return b.array();
  }

  static ConfState decodeConfState(ByteBuffer b) {
    List<Long> voters = getIds(b);
    List<Long> learners = getIds(b);
    return new ConfState(voters, learners);
  }

  static void putIds(ByteBuffer b, List<Long> ids) {
    b.putInt(ids.size());
    for (long id : ids) {
      b.putLong(id);
    }
  }

  static List<Long> getIds(ByteBuffer b) {
    int n = b.getInt();
    List<Long> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(b.getLong());
    }
    return ids;
  }

  static byte[] encodeSnapshotMetadata(SnapshotMetadata m) {
    byte[] cs = encodeConfState(m.confState());
    return ByteBuffer.allocate(16 + cs.length).putLong(m.index()).putLong(m.term()).put(cs).array();
  }

  static SnapshotMetadata decodeSnapshotMetadata(ByteBuffer b) {
    long index = b.getLong();
    long term = b.getLong();
    return new SnapshotMetadata(index, term, decodeConfState(b));
  }
}
