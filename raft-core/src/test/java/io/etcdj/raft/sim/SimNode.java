package io.etcdj.raft.sim;

import io.etcdj.raft.ConfChange;
import io.etcdj.raft.ConfState;
import io.etcdj.raft.Entry;
import io.etcdj.raft.EntryType;
import io.etcdj.raft.MemoryLogStorage;
import io.etcdj.raft.Message;
import io.etcdj.raft.MessageType;
import io.etcdj.raft.Peer;
import io.etcdj.raft.RaftConfig;
import io.etcdj.raft.RaftNode;
import io.etcdj.raft.ReadState;
import io.etcdj.raft.Ready;
import io.etcdj.raft.Snapshot;
import io.etcdj.raft.SnapshotMetadata;
import io.etcdj.raft.StateRole;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One simulated member: a RaftNode over in-memory storage plus a toy state machine (a running
 * hash of applied entries). The storage survives a crash; the RaftNode and the state machine do
 * not, exactly as a process crash would treat memory and disk. Driven by the simulation thread.
 */
final class SimNode {
  private final long id;
  private final MemoryLogStorage storage = new MemoryLogStorage();
  private final SafetyChecker checker;
  private RaftNode node;
  private boolean alive;
  private long appliedIndex;
  private long stateHash;
  private final List<Entry> appliedNormal = new ArrayList<>();

  SimNode(long id, SafetyChecker checker) {
    this.id = id;
    this.checker = checker;
  }

  long id() { return id; }
  MemoryLogStorage storage() { return storage; }
  RaftNode raft() { return node; }
  boolean alive() { return alive; }
  long appliedIndex() { return appliedIndex; }
  long stateHash() { return stateHash; }

  /** Normal entries applied since the last (re)start, for tests that look at the outcome. */
  List<Entry> appliedNormal() { return appliedNormal; }

  /** Starts (or restarts after a crash) from whatever storage holds. */
  void start(RaftConfig config, List<Peer> peers) {
    Snapshot snap = storage.snapshot();
    appliedIndex = 0;
    stateHash = 0;
    appliedNormal.clear();
    if (!snap.isEmpty()) {
      restoreState(snap);
    }
    RaftConfig effective = new RaftConfig(config.id(), config.electionTicks(), config.heartbeatTicks(),
        config.maxSizePerMsgBytes(), config.maxInflightMsgs(), config.checkQuorum(), config.preVote(),
        appliedIndex, config.randomSeed());
    node = RaftNode.create(effective, storage, peers);
    alive = true;
  }

  void crash() {
    alive = false;
    node = null;
  }

  boolean isLeader() { return alive && node.status().role() == StateRole.LEADER; }

  /** Handles every pending Ready as the server's driver loop does: persist, send, apply, advance. */
  void processReadys(Consumer<Message> send) {
    while (alive && node.hasReady()) {
      Ready rd = node.ready();
      storage.save(rd.hardState(), rd.entries(), rd.snapshot(), rd.mustSync());
      if (!rd.snapshot().isEmpty()) {
        restoreState(rd.snapshot());
      }
      // Messages and role come from steps taken on the configuration now in force: conf changes
      // are only applied below, between ready() and advance().
      ConfState cs = node.confState();
      if (rd.softState() != null && rd.softState().role() == StateRole.LEADER) {
        long term = node.status().term();
        checker.leaderObserved(term, id);
        checker.checkElectedByVoters(id, term, cs);
        checker.checkLeaderCompleteness(id, term, storage);
      }
      for (Message m : rd.messages()) {
        if (m.type() == MessageType.VOTE || m.type() == MessageType.PRE_VOTE) {
          checker.campaignObserved(id, m.term(), cs);
        } else if (m.type() == MessageType.VOTE_RESP && !m.reject()) {
          checker.voteGranted(m.term(), id, m.to());
        }
        send.accept(m);
      }
      for (Entry e : rd.committedEntries()) {
        apply(e);
      }
      for (ReadState rs : rd.readStates()) {
        checker.readAnswered(id, rs);
      }
      node.advance(rd);
    }
  }

  private void apply(Entry e) {
    if (e.index() != appliedIndex + 1) {
      throw new AssertionError("node " + id + " applied " + e.index() + " after " + appliedIndex);
    }
    if (e.type() == EntryType.CONF_CHANGE) {
      ConfState cs = node.applyConfChange(ConfChange.decode(e.data()));
      storage.saveConfState(cs);
    } else if (e.data().length > 0) {
      appliedNormal.add(e);
    }
    stateHash = stateHash * 1_000_003L + e.term() * 31 + Arrays.hashCode(e.data());
    appliedIndex = e.index();
    checker.applied(id, e, stateHash);
  }

  private void restoreState(Snapshot snap) {
    ByteBuffer b = ByteBuffer.wrap(snap.data());
    long index = b.getLong();
    stateHash = b.getLong();
    if (index != snap.metadata().index()) {
      throw new AssertionError("snapshot data for " + index + " labelled " + snap.metadata().index());
    }
    appliedIndex = index;
    checker.checkState(id, index, stateHash);
  }

  /** Snapshots the state machine at its applied index and compacts the log up to it. */
  void compact() {
    if (!alive || appliedIndex <= storage.firstIndex()) {
      return;
    }
    byte[] data = ByteBuffer.allocate(16).putLong(appliedIndex).putLong(stateHash).array();
    Snapshot snap = new Snapshot(new SnapshotMetadata(appliedIndex, storage.term(appliedIndex),
        node.confState()), data);
    storage.compact(snap);
  }

  /** Delivers a message; MsgSnap delivery is reported back to the sender by the cluster. */
  void receive(Message m) {
    if (alive) {
      node.step(m);
    }
  }

  static boolean isSnapshot(Message m) { return m.type() == MessageType.SNAP; }
}
