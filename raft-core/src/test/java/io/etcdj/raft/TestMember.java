package io.etcdj.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * A RaftNode over in-memory storage driven as the server's loop drives it (persist, send, apply,
 * advance), keeping what it applied and read for the test to look at. Test-thread only.
 */
final class TestMember {
  final MemoryLogStorage storage;
  final RaftNode node;
  final List<Entry> applied = new ArrayList<>();
  final List<ReadState> reads = new ArrayList<>();
  final List<Ready> readys = new ArrayList<>();

  private TestMember(MemoryLogStorage storage, RaftNode node) {
    this.storage = storage;
    this.node = node;
  }

  static RaftConfig config(long id) {
    return new RaftConfig(id, 10, 1, 1 << 20, 256, false, false, 0, id);
  }

  static RaftConfig config(long id, boolean preVote, boolean checkQuorum) {
    return new RaftConfig(id, 10, 1, 1 << 20, 256, checkQuorum, preVote, 0, id);
  }

  /** A freshly bootstrapped member of {@code voters}. */
  static TestMember bootstrap(RaftConfig config, long... voters) {
    MemoryLogStorage storage = new MemoryLogStorage();
    List<Peer> peers = new ArrayList<>();
    for (long v : voters) {
      peers.add(new Peer(v, ("m" + v).getBytes()));
    }
    return new TestMember(storage, RaftNode.create(config, storage, peers));
  }

  /**
   * A member restarted over a log whose entries (from index 1) have {@code entryTerms}, with hard
   * state (term, vote 0, commit 0) and configuration {@code voters}.
   */
  static TestMember withLog(RaftConfig config, List<Long> voters, long term, long... entryTerms) {
    MemoryLogStorage storage = new MemoryLogStorage();
    List<Entry> ents = new ArrayList<>();
    for (int i = 0; i < entryTerms.length; i++) {
      ents.add(new Entry(entryTerms[i], i + 1, EntryType.NORMAL, ("e" + (i + 1)).getBytes()));
    }
    storage.save(new HardState(term, 0, 0), ents, Snapshot.EMPTY, true);
    storage.saveConfState(new ConfState(voters));
    return new TestMember(storage, RaftNode.create(config, storage, List.of()));
  }

  static TestMember over(RaftConfig config, MemoryLogStorage storage) {
    return new TestMember(storage, RaftNode.create(config, storage, List.of()));
  }

  /** Handles every pending Ready; returns the messages to send. */
  List<Message> drive() {
    List<Message> out = new ArrayList<>();
    while (node.hasReady()) {
      Ready rd = node.ready();
      readys.add(rd);
      storage.save(rd.hardState(), rd.entries(), rd.snapshot(), rd.mustSync());
      out.addAll(rd.messages());
      for (Entry e : rd.committedEntries()) {
        if (e.type() == EntryType.CONF_CHANGE) {
          storage.saveConfState(node.applyConfChange(ConfChange.decode(e.data())));
        }
        applied.add(e);
      }
      reads.addAll(rd.readStates());
      node.advance(rd);
    }
    return out;
  }

  RaftStatus status() { return node.status(); }

  static Message msg(MessageType type, long from, long to, long term) {
    return MessageBuilder.of(type, to).from(from).term(term).build();
  }

  static List<Message> ofType(List<Message> msgs, MessageType type) {
    return msgs.stream().filter(m -> m.type() == type).toList();
  }
}
