package io.etcdj.raft;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Raft protocol as a pure state machine (etcd's RawNode + raft): no threads, no I/O, no
 * clock. Not thread-safe: one thread owns a node and drives it with tick/step/propose, then
 * handles {@link #ready()} and calls {@link #advance(Ready)}.
 *
 * <p>Call {@link #ready()} once, handle it completely, then {@link #advance(Ready)} before the
 * next {@link #ready()}. Proposals made between two Readys are broadcast as one batch when the
 * next Ready is built (group commit on the wire as on disk). The driver loop, in order:
 * <pre>{@code
 * Ready rd = node.ready();
 * storage.save(rd.hardState(), rd.entries(), rd.snapshot(), rd.mustSync());  // one WriteBatch
 * if (!rd.snapshot().isEmpty()) { snapshots.save(rd.snapshot()); app.restore(rd.snapshot()); }
 * send(rd.messages());            // after a MsgSnap is sent (or fails): node.reportSnapshot(to, failed)
 * for (Entry e : rd.committedEntries()) {   // strictly in index order, after the snapshot if any
 *   if (e.type() == CONF_CHANGE) storage.saveConfState(node.applyConfChange(ConfChange.decode(e.data())));
 *   else app.apply(e);            // NORMAL entries with empty data are a new leader's no-op: skip
 * }
 * serve(rd.readStates());         // each once the app has applied up to rs.index()
 * node.advance(rd);
 * }</pre>
 * To snapshot at applied index {@code i}: build {@code new Snapshot(new SnapshotMetadata(i,
 * storage.term(i), node.confState()), data)}, save it to the SnapshotStore, then
 * {@code storage.compact(snapshot)}. A leader sends the storage's snapshot to followers whose
 * entries were compacted, so its data must not be empty.
 */
public final class RaftNode {
  private final RaftProtocol raft;
  private SoftState prevSoftState;
  private HardState prevHardState;

  private RaftNode(RaftProtocol raft, HardState prevHardState) {
    this.raft = raft;
    this.prevSoftState = raft.softState();
    this.prevHardState = prevHardState;
  }

  /**
   * A node over {@code storage}. If storage is empty, {@code peers} is the initial configuration
   * (etcd's StartNode: one conf-change entry per peer, term 1, committed); otherwise the node
   * resumes from storage and {@code peers} is ignored. Empty storage and no peers: a node that
   * joins an existing cluster and waits to hear from its leader. {@code config.applied()} must
   * not exceed the persisted last index (IllegalStateException otherwise).
   */
  public static RaftNode create(RaftConfig config, LogStorage storage, List<Peer> peers) {
    return create(config, storage, peers, List.of());
  }

  /**
   * As {@link #create(RaftConfig, LogStorage, List)}, bootstrapping {@code voters} and then
   * {@code learners} (one ADD_NODE or ADD_LEARNER_NODE entry each) when storage is empty. A node
   * whose own id is among the learners receives the log but never campaigns.
   */
  public static RaftNode create(RaftConfig config, LogStorage storage, List<Peer> voters,
                                List<Peer> learners) {
    RaftProtocol raft = new RaftProtocol(config, storage);
    LogStorage.InitialState initial = storage.initialState();
    Snapshot snap = storage.snapshot();
    boolean fresh = storage.lastIndex() == 0 && initial.hardState().isEmpty() && snap.isEmpty();
    if (fresh) {
      raft.becomeFollower(0, RaftProtocol.NONE);
      if (!voters.isEmpty() || !learners.isEmpty()) {
        bootstrap(raft, voters, learners);
      }
      return new RaftNode(raft, HardState.EMPTY);
    }
    ConfState cs = initial.confState();
    if (cs.voters().isEmpty() && cs.learners().isEmpty() && !snap.isEmpty()) {
      cs = snap.metadata().confState();
    }
    raft.membership.install(cs);
    raft.loadState(initial.hardState());
    long applied = config.applied();
    if (applied > raft.raftLog.committed && applied <= raft.raftLog.lastIndex()) {
      // The application applied (so saw committed) entries whose commit index update was an
      // unsynced write lost in a crash: what was applied is known to be committed.
      raft.raftLog.commitTo(applied);
    }
    if (applied > 0) {
      raft.raftLog.appliedTo(Math.max(applied, raft.raftLog.applied));
    }
    raft.becomeFollower(raft.term, RaftProtocol.NONE);
    return new RaftNode(raft, raft.hardState());
  }

  private static void bootstrap(RaftProtocol raft, List<Peer> voters, List<Peer> learners) {
    raft.becomeFollower(1, RaftProtocol.NONE);
    List<ConfChange> changes = new ArrayList<>(voters.size() + learners.size());
    for (Peer p : voters) {
      changes.add(new ConfChange(ConfChange.ConfChangeType.ADD_NODE, p.id(), p.context()));
    }
    for (Peer p : learners) {
      changes.add(new ConfChange(ConfChange.ConfChangeType.ADD_LEARNER_NODE, p.id(), p.context()));
    }
    List<Entry> ents = new ArrayList<>(changes.size());
    long index = 1;
    for (ConfChange cc : changes) {
      ents.add(new Entry(1, index++, EntryType.CONF_CHANGE, cc.encode()));
    }
    raft.raftLog.append(ents);
    raft.raftLog.committed = ents.size();
    // The application re-applies these entries from the first Ready; adding is idempotent.
    for (ConfChange cc : changes) {
      raft.membership.apply(cc);
    }
    raft.elections.bootstrapConfIndex = ents.size();
  }

  /** One unit of logical time. */
  public void tick() { raft.tick(); }

  /**
   * Start an election now. A single voter becomes leader at once. If committed conf changes are
   * still to be applied (after a restart), the election starts as soon as the Ready carrying them
   * has been advanced, since campaigning on a stale configuration is unsafe.
   */
  public void campaign() { raft.elections.requestCampaign(); }

  /**
   * A follower forgets its leader (etcd-io/raft's ForgetLeader): it stays a follower in the same
   * term, leaderless, and does not campaign. Under check-quorum it then no longer holds its
   * leader's lease, so it grants pre-votes and votes at once. Call it when the leader is known to
   * be gone (the OS closed its connection): once a quorum of followers did, one of them can win
   * an election without waiting out the others' election timeouts. A leader that is alive just
   * becomes this follower's leader again with its next heartbeat. A no-op on a leader or
   * candidate.
   */
  public void forgetLeader() { raft.forgetLeader(); }

  /** Appends {@code data} to the log if this node leads (or forwards it to the leader). */
  public void propose(byte[] data) throws ProposalDroppedException {
    propose(EntryType.NORMAL, data);
  }

  /**
   * Proposes a membership change; it takes effect when applied via {@link #applyConfChange}. Only
   * one may be in flight: a leader refuses another until the previous one is applied.
   * ADD_LEARNER_NODE adds a learner; ADD_NODE adds a voter or promotes a learner; REMOVE_NODE
   * removes either. A leader that applies its own removal steps down.
   */
  public void proposeConfChange(ConfChange change) throws ProposalDroppedException {
    if (raft.state == StateRole.LEADER && raft.confChangePending()) {
      throw new ProposalDroppedException("a configuration change is still being applied");
    }
    propose(EntryType.CONF_CHANGE, change.encode());
  }

  private void propose(EntryType type, byte[] data) throws ProposalDroppedException {
    java.util.Objects.requireNonNull(data, "proposal data");
    if (raft.state == StateRole.LEADER) {
      switch (raft.propose(List.of(new Entry(0, 0, type, data)))) {
        case ACCEPTED -> { }
        case TRANSFERRING -> throw new ProposalDroppedException("leadership is being transferred");
        case UNCOMMITTED_FULL -> throw new ProposalDroppedException("too many uncommitted bytes ("
            + raft.uncommittedBytes() + " of at most " + raft.config.maxUncommittedEntriesBytes()
            + "): a quorum is not keeping up");
        case NOT_LEADER -> throw new ProposalDroppedException("this leader was removed");
      }
      return;
    }
    Message m = new Message(MessageType.PROP, raft.id, raft.id, 0, 0, 0,
        List.of(new Entry(0, 0, type, data)), 0, Snapshot.EMPTY, false, 0, MessageBuilder.NO_CONTEXT);
    if (!raft.step(m)) {
      throw new ProposalDroppedException("no leader known (role " + raft.state + ")");
    }
  }

  /** Handles a message from a peer. Local message types are refused. */
  public void step(Message message) {
    switch (message.type()) {
      case HUP, BEAT, CHECK_QUORUM, UNREACHABLE, SNAP_STATUS ->
          throw new IllegalArgumentException("local message type from the network: " + message.type());
      default -> {
        if (message.from() != RaftProtocol.NONE && !raft.prs.contains(message.from())
            && isResponse(message.type())) {
          return; // an answer from a node we no longer track (learners are tracked)
        }
        raft.step(message);
      }
    }
  }

  private static boolean isResponse(MessageType t) {
    return t == MessageType.APP_RESP || t == MessageType.HEARTBEAT_RESP
        || t == MessageType.VOTE_RESP || t == MessageType.PRE_VOTE_RESP;
  }

  /** Asks for a ReadIndex; the answer comes as a {@link ReadState} carrying {@code requestCtx}. */
  public void readIndex(byte[] requestCtx) { requestReadIndex(requestCtx); }

  /**
   * As {@link #readIndex} but says whether the request was accepted: false when no leader is
   * known (or this node is campaigning), so no ReadState will ever come for it.
   */
  public boolean requestReadIndex(byte[] requestCtx) {
    return raft.step(new Message(MessageType.READ_INDEX, raft.id, RaftProtocol.NONE, 0, 0, 0,
        List.of(), 0, Snapshot.EMPTY, false, 0, requestCtx));
  }

  /** Tells the leader that a snapshot sent to {@code to} was delivered, or failed to be. */
  public void reportSnapshot(long to, boolean failed) { raft.reportSnapshot(to, failed); }

  /**
   * Asks the leader (this node, or the leader it knows) to hand leadership to {@code transferee}
   * once that member's log is up to date. Proposals are dropped while the transfer is in flight;
   * it is abandoned after an election timeout. Used for a graceful shutdown of the leader.
   */
  public void transferLeadership(long transferee) { raft.transferLeadership(transferee); }

  /** Tells the leader that {@code to} could not be reached, so it probes instead of streaming. */
  public void reportUnreachable(long to) { raft.reportUnreachable(to); }

  public boolean hasReady() {
    raft.flushBroadcast();
    if (!raft.softState().equals(prevSoftState)) {
      return true;
    }
    HardState hs = raft.hardState();
    if (!hs.isEmpty() && !hs.equals(prevHardState)) {
      return true;
    }
    UnstableLog unstable = raft.raftLog.unstable;
    return unstable.snapshot != null || !unstable.entries.isEmpty() || !raft.msgs.isEmpty()
        || !raft.readStates.isEmpty() || raft.raftLog.hasNextEnts();
  }

  public Ready ready() {
    raft.flushBroadcast();
    SoftState soft = raft.softState();
    HardState hard = raft.hardState();
    List<Entry> entries = raft.raftLog.unstableEntries();
    Snapshot snap = raft.raftLog.unstable.snapshot;
    boolean hardChanged = !hard.isEmpty() && !hard.equals(prevHardState);
    boolean mustSync = !entries.isEmpty() || snap != null
        || hard.term() != prevHardState.term() || hard.vote() != prevHardState.vote();
    Ready rd = new Ready(soft.equals(prevSoftState) ? null : soft,
        hardChanged ? hard : HardState.EMPTY,
        entries,
        snap == null ? Snapshot.EMPTY : snap,
        raft.raftLog.nextEnts(),
        raft.msgs,
        raft.readStates,
        mustSync);
    raft.msgs = new ArrayList<>();
    raft.readStates = new ArrayList<>();
    return rd;
  }

  /** Tells the node the last {@link Ready} has been persisted, sent and applied. */
  public void advance(Ready ready) {
    if (ready.softState() != null) {
      prevSoftState = ready.softState();
    }
    if (!ready.hardState().isEmpty()) {
      prevHardState = ready.hardState();
    }
    List<Entry> committed = ready.committedEntries();
    if (!committed.isEmpty()) {
      raft.raftLog.appliedTo(committed.get(committed.size() - 1).index());
    } else if (!ready.snapshot().isEmpty()) {
      raft.raftLog.appliedTo(ready.snapshot().metadata().index());
    }
    List<Entry> entries = ready.entries();
    if (!entries.isEmpty()) {
      Entry last = entries.get(entries.size() - 1);
      raft.raftLog.stableTo(last.index(), last.term());
    }
    if (!ready.snapshot().isEmpty()) {
      raft.raftLog.stableSnapTo(ready.snapshot().metadata().index());
    }
    raft.elections.afterApply();
  }

  /** Applies a committed conf change to the configuration; returns the configuration now in force. */
  public ConfState applyConfChange(ConfChange change) { return raft.membership.apply(change); }

  /**
   * The node's state; on a leader also its progress with every other member (voters and
   * learners), for /v2/stats/leader and for choosing whom to hand leadership to.
   */
  public RaftStatus status() {
    Map<Long, FollowerProgress> progress = Map.of();
    if (raft.state == StateRole.LEADER) {
      progress = new LinkedHashMap<>();
      for (Map.Entry<Long, Progress> e : raft.prs.progress.entrySet()) {
        if (e.getKey() != raft.id) {
          progress.put(e.getKey(), describe(e.getValue()));
        }
      }
    }
    return new RaftStatus(raft.id, raft.term, raft.vote, raft.raftLog.committed,
        raft.raftLog.applied, raft.lead, raft.state, progress);
  }

  /** As {@link #status()} without the per-member progress (etcd's BasicStatus): allocation-light. */
  public RaftStatus basicStatus() {
    return new RaftStatus(raft.id, raft.term, raft.vote, raft.raftLog.committed,
        raft.raftLog.applied, raft.lead, raft.state);
  }

  private static FollowerProgress describe(Progress pr) {
    String state = switch (pr.state) {
      case PROBE -> "probe";
      case REPLICATE -> "replicate";
      case SNAPSHOT -> "snapshot";
    };
    return new FollowerProgress(pr.match, pr.next, state, pr.recentActive, pr.learner,
        pr.inflights.count());
  }

  /** The configuration this node currently tracks: its voters and its learners. */
  public ConfState confState() { return raft.prs.confState(); }

  /** Whether {@code id} is a learner in this node's configuration (this node's own id included). */
  public boolean isLearner(long id) { return raft.prs.isLearner(id); }
}
