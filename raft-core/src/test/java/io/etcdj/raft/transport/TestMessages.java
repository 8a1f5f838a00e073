package io.etcdj.raft.transport;

import io.etcdj.raft.ConfState;
import io.etcdj.raft.Entry;
import io.etcdj.raft.EntryType;
import io.etcdj.raft.Message;
import io.etcdj.raft.MessageType;
import io.etcdj.raft.Snapshot;
import io.etcdj.raft.SnapshotMetadata;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Messages as the Raft core makes them, for the transport tests. */
final class TestMessages {
  private static final byte[] NONE = new byte[0];

  private TestMessages() { }

  static Message heartbeat(long from, long to, long commit) {
    return new Message(MessageType.HEARTBEAT, to, from, 3, 0, 0, List.of(), commit, Snapshot.EMPTY,
        false, 0, NONE);
  }

  static Message vote(long from, long to) {
    return new Message(MessageType.VOTE, to, from, 4, 3, 17, List.of(), 0, Snapshot.EMPTY, false,
        0, NONE);
  }

  static Message append(long from, long to, long index) {
    List<Entry> entries = List.of(new Entry(3, index + 1, EntryType.NORMAL,
        ("put " + index).getBytes(StandardCharsets.UTF_8)));
    return new Message(MessageType.APP, to, from, 3, 3, index, entries, index, Snapshot.EMPTY,
        false, 0, NONE);
  }

  static Message snapshot(long from, long to, int dataBytes) {
    byte[] data = new byte[dataBytes];
    new Random(dataBytes).nextBytes(data);
    Snapshot s = new Snapshot(new SnapshotMetadata(1000, 3,
        new ConfState(List.of(from, to), List.of(99L))), data);
    return new Message(MessageType.SNAP, to, from, 3, 0, 0, List.of(), 0, s, false, 0, NONE);
  }

  /** Whether two messages are equal field by field, array contents included. */
  static boolean same(Message a, Message b) {
    return WireCodec.encode(a).equals(WireCodec.encode(b));
  }
}
