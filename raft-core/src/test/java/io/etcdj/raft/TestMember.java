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
    return bootstrap(config, List.of(peers(voters)), List.of());
  }

  /** A freshly bootstrapped member of a configuration with learners. */
  static TestMember bootstrap(RaftConfig config, List<Peer> voters, List<Peer> learners) {
    MemoryLogStorage storage = new MemoryLogStorage();
    return new TestMember(storage, RaftNode.create(config, storage, voters, learners));
  }

  static Peer[] peers(long... ids) {
    Peer[] out = new Peer[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = new Peer(ids[i], ("m" + ids[i]).getBytes());
    }
    return out;
  }

  /**
   * Node 1 made leader of term+1 over a log with {@code entryTerms} (and {@code voters}), with
   * node 2's vote; nothing of its first Ready handled yet.
   */
  static TestMember electedLeader(RaftConfig config, List<Long> voters, long term, long... entryTerms) {
    TestMember l = withLog(config, voters, term, entryTerms);
    l.node.campaign();
    l.drive();
    l.node.step(msg(MessageType.VOTE_RESP, 2, config.id(), term + 1));
    if (l.status().role() != StateRole.LEADER) {
      throw new IllegalStateException("not elected: " + l.status());
    }
    return l;
  }

  /**
   * A member restarted over a log whose entries (from index 1) have {@code entryTerms}, with hard
   * state (term, vote 0, commit 0) and configuration {@code voters}.
   */
  static TestMember withLog(RaftConfig config, List<Long> voters, long term, long... entryTerms) {
    return withLog(config, new ConfState(voters), term, entryTerms);
  }

  /** As {@link #withLog(RaftConfig, List, long, long...)} with a configuration that may hold learners. */
  static TestMember withLog(RaftConfig config, ConfState confState, long term, long... entryTerms) {
    MemoryLogStorage storage = new MemoryLogStorage();
    List<Entry> ents = new ArrayList<>();
    for (int i = 0; i < entryTerms.length; i++) {
      ents.add(new Entry(entryTerms[i], i + 1, EntryType.NORMAL, ("e" + (i + 1)).getBytes()));
    }
    storage.save(new HardState(term, 0, 0), ents, Snapshot.EMPTY, true);
    storage.saveConfState(confState);
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

  long id() { return node.status().id(); }

  /** Terms of the persisted entries, from index 1 (nothing compacted). */
  List<Long> logTerms() {
    return storage.entries(1, storage.lastIndex() + 1, Long.MAX_VALUE).stream().map(Entry::term).toList();
  }

  static RaftConfig withLimit(RaftConfig c, long maxUncommittedEntriesBytes) {
    return new RaftConfig(c.id(), c.electionTicks(), c.heartbeatTicks(), c.maxSizePerMsgBytes(),
        c.maxInflightMsgs(), c.checkQuorum(), c.preVote(), c.applied(), c.randomSeed(),
        maxUncommittedEntriesBytes);
  }

  static Message msg(MessageType type, long from, long to, long term) {
    return MessageBuilder.of(type, to).from(from).term(term).build();
  }

  static List<Message> ofType(List<Message> msgs, MessageType type) {
    return msgs.stream().filter(m -> m.type() == type).toList();
  }
}
