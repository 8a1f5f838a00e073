package io.etcdj.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Raft protocol proper (etcd's raft.go): roles and their transitions, ticks, and the dispatch
 * of each message to the part that handles it ({@link Elections}, {@link Replication} on the
 * leader, {@link FollowerReplication}, {@link Membership}, {@link ReadIndex}). Inputs are ticks
 * and messages; outputs accumulate in {@link #msgs} and {@link #readStates} and in the log, for
 * {@link RaftNode} to hand out as a {@link Ready}. Owned by the single thread that drives the
 * RaftNode; nothing here (nor in its parts) is thread-safe.
 */
final class RaftProtocol {
  static final long NONE = 0;

  /** Why a proposal was or was not appended. */
  enum Admission { ACCEPTED, NOT_LEADER, TRANSFERRING, UNCOMMITTED_FULL }

  final long id;
  final RaftConfig config;
  final RaftLog raftLog;
  final ProgressTracker prs;
  private final SplittableRandom random;
  final Replication replication;
  final FollowerReplication followerReplication;
  final Elections elections;
  final Membership membership;
  final ReadIndex readIndex;
  private final UncommittedBudget uncommitted;

  long term;
  long vote;
  long lead = NONE;
  StateRole state = StateRole.FOLLOWER;

  /** Messages to send, drained by each Ready. */
  List<Message> msgs = new ArrayList<>();
  /** Answers to ReadIndex requests, drained by each Ready. */
  List<ReadState> readStates = new ArrayList<>();

  /** No new conf change may be proposed until the one at this index is applied. */
  private long pendingConfIndex;
  /** The member this leader is handing leadership to, or NONE. Proposals wait meanwhile. */
  long leadTransferee = NONE;
  /** Entries appended since the last broadcast; flushed once per Ready (batches appends). */
  private boolean broadcastPending;

  /** Ticks since we last heard from a leader (or, leading, since the last check-quorum round). */
  int electionElapsed;
  private int heartbeatElapsed;
  int randomizedElectionTimeout;

  RaftProtocol(RaftConfig config, LogStorage storage) {
    if (config.id() == NONE) {
      throw new IllegalArgumentException("node id must not be 0");
    }
    if (config.heartbeatTicks() <= 0 || config.electionTicks() <= config.heartbeatTicks()) {
      throw new IllegalArgumentException("need 0 < heartbeatTicks < electionTicks");
    }
    this.id = config.id();
    this.config = config;
    this.raftLog = new RaftLog(storage, Math.max(config.maxSizePerMsgBytes(), 64L << 20));
    this.prs = new ProgressTracker(config.maxInflightMsgs());
    this.random = new SplittableRandom(config.randomSeed());
    this.replication = new Replication(this, config.maxSizePerMsgBytes());
    this.followerReplication = new FollowerReplication(this);
    this.elections = new Elections(this);
    this.membership = new Membership(this);
    this.readIndex = new ReadIndex(this);
    this.uncommitted = new UncommittedBudget(config.maxUncommittedEntriesBytes());
  }

  // ---- state transitions ----------------------------------------------------------------------

  void loadState(HardState hs) {
    if (hs.isEmpty()) {
      return;
    }
    if (hs.commit() > raftLog.lastIndex()) {
      throw new IllegalStateException("hard state commit " + hs.commit() + " beyond last index "
          + raftLog.lastIndex());
    }
    raftLog.committed = Math.max(raftLog.committed, hs.commit());
    term = hs.term();
    vote = hs.vote();
  }

  HardState hardState() { return new HardState(term, vote, raftLog.committed); }

  SoftState softState() { return new SoftState(lead, state); }

  private void reset(long newTerm) {
    if (term != newTerm) {
      term = newTerm;
      vote = NONE;
    }
    lead = NONE;
    electionElapsed = 0;
    heartbeatElapsed = 0;
    randomizedElectionTimeout = config.electionTicks() + random.nextInt(config.electionTicks());
    prs.resetVotes();
    prs.resetProgress(id, raftLog.lastIndex());
    pendingConfIndex = 0;
    leadTransferee = NONE;
    readIndex.reset();
    uncommitted.reset();
    broadcastPending = false;
  }

  void becomeFollower(long newTerm, long leader) {
    reset(newTerm);
    lead = leader;
    state = StateRole.FOLLOWER;
  }

  void becomePreCandidate() {
    if (state == StateRole.LEADER) {
      throw new IllegalStateException("leader cannot become pre-candidate");
    }
    // Pre-vote changes neither term nor vote: a partitioned node cannot disrupt the cluster.
    prs.resetVotes();
    lead = NONE;
    state = StateRole.PRE_CANDIDATE;
  }

  void becomeCandidate() {
    if (state == StateRole.LEADER) {
      throw new IllegalStateException("leader cannot become candidate");
    }
    reset(term + 1);
    vote = id;
    state = StateRole.CANDIDATE;
  }

  void becomeLeader() {
    if (state == StateRole.FOLLOWER) {
      throw new IllegalStateException("follower cannot become leader");
    }
    reset(term);
    lead = id;
    state = StateRole.LEADER;
    Progress self = prs.get(id);
    if (self != null) {
      self.becomeReplicate();
    }
    // Conservatively treat any unapplied entry as a possible conf change.
    pendingConfIndex = raftLog.lastIndex();
    // An entry of our own term lets us commit everything before it (paper §5.4.2). It goes to
    // every follower and learner with the next Ready.
    appendEntry(EntryType.NORMAL, MessageBuilder.NO_CONTEXT);
    broadcastPending = true;
  }

  /**
   * A follower stops following its leader (etcd-io/raft's ForgetLeader), without a campaign and
   * without changing term. It no longer holds a leader's lease, so under check-quorum it grants
   * the (pre-)votes it ignored before: once a quorum of followers forgot a leader that died, one
   * of them can win an election at once. A leader or candidate is unaffected.
   */
  void forgetLeader() {
    if (state == StateRole.FOLLOWER) {
      lead = NONE;
    }
  }

  // ---- ticks --------------------------------------------------------------------------------

  void tick() {
    if (state == StateRole.LEADER) {
      tickHeartbeat();
    } else {
      tickElection();
    }
  }

  private void tickElection() {
    electionElapsed++;
    // A learner (or a member removed from the configuration) never campaigns.
    if (prs.isVoter(id) && electionElapsed >= randomizedElectionTimeout) {
      electionElapsed = 0;
      step(local(MessageType.HUP).build());
    }
  }

  private void tickHeartbeat() {
    heartbeatElapsed++;
    electionElapsed++;
    if (electionElapsed >= config.electionTicks()) {
      electionElapsed = 0;
      if (config.checkQuorum()) {
        step(local(MessageType.CHECK_QUORUM).build());
      }
      // A transfer that did not finish within an election timeout is abandoned.
      leadTransferee = NONE;
    }
    if (state != StateRole.LEADER) {
      return;
    }
    if (heartbeatElapsed >= config.heartbeatTicks()) {
      heartbeatElapsed = 0;
      step(local(MessageType.BEAT).build());
    }
  }

  MessageBuilder local(MessageType type) { return MessageBuilder.of(type, id).from(id); }

  // ---- message dispatch -------------------------------------------------------------------------

  /** Handles a message; returns false if it was a proposal or read that had to be dropped. */
  boolean step(Message m) {
    if (m.term() > term && m.term() != 0) {
      boolean voteRequest = m.type() == MessageType.VOTE || m.type() == MessageType.PRE_VOTE;
      if (voteRequest && elections.ignoresDisruptor(m)) {
        return true;
      }
      if (m.type() == MessageType.PRE_VOTE) {
        // A pre-vote never moves our term.
      } else if (m.type() == MessageType.PRE_VOTE_RESP && !m.reject()) {
        // We will move to this term when the pre-vote wins.
      } else if (m.type() == MessageType.APP || m.type() == MessageType.HEARTBEAT
          || m.type() == MessageType.SNAP) {
        becomeFollower(m.term(), m.from());
      } else {
        becomeFollower(m.term(), NONE);
      }
    } else if (m.term() < term && m.term() != 0) {
      if ((config.checkQuorum() || config.preVote())
          && (m.type() == MessageType.HEARTBEAT || m.type() == MessageType.APP)) {
        // A stale leader cut off by a partition learns our term and steps down.
        send(MessageBuilder.of(MessageType.APP_RESP, m.from()));
      } else if (m.type() == MessageType.PRE_VOTE) {
        send(MessageBuilder.of(MessageType.PRE_VOTE_RESP, m.from()).term(term).reject(true));
      }
      return true;
    }

    switch (m.type()) {
      case HUP -> {
        elections.hup();
        return true;
      }
      case VOTE, PRE_VOTE -> {
        elections.handleVoteRequest(m);
        return true;
      }
      default -> {
        return switch (state) {
          case LEADER -> stepLeader(m);
          case CANDIDATE, PRE_CANDIDATE -> stepCandidate(m);
          case FOLLOWER -> stepFollower(m);
        };
      }
    }
  }

  private boolean stepLeader(Message m) {
    switch (m.type()) {
      case BEAT -> {
        replication.bcastHeartbeat(readIndex.lastPendingRequestCtx());
        return true;
      }
      case CHECK_QUORUM -> {
        if (!prs.quorumActive(id)) {
          becomeFollower(term, NONE);
        }
        prs.resetRecentActive(id);
        return true;
      }
      case PROP -> {
        return propose(m.entries()) == Admission.ACCEPTED;
      }
      case READ_INDEX -> {
        readIndex.handleAsLeader(m);
        return true;
      }
      default -> { }
    }
    Progress pr = prs.get(m.from());
    if (pr == null) {
      return true;
    }
    switch (m.type()) {
      case APP_RESP -> replication.handleAppendResponse(m, pr);
      case HEARTBEAT_RESP -> {
        replication.handleHeartbeatResponse(m, pr);
        readIndex.handleHeartbeatAck(m);
      }
      case SNAP_STATUS -> replication.handleSnapshotStatus(m, pr);
      case UNREACHABLE -> {
        if (pr.state == Progress.State.REPLICATE) {
          pr.becomeProbe();
        }
      }
      case TRANSFER_LEADER -> startTransfer(m.from(), pr);
      default -> { }
    }
    return true;
  }

  private boolean stepCandidate(Message m) {
    switch (m.type()) {
      case PROP, READ_INDEX -> {
        return false;
      }
      case APP -> {
        becomeFollower(m.term(), m.from());
        followerReplication.handleAppend(m);
      }
      case HEARTBEAT -> {
        becomeFollower(m.term(), m.from());
        followerReplication.handleHeartbeat(m);
      }
      case SNAP -> {
        becomeFollower(m.term(), m.from());
        followerReplication.handleSnapshot(m);
      }
      case VOTE_RESP, PRE_VOTE_RESP -> elections.handleVoteResponse(m);
      default -> { }
    }
    return true;
  }

  private boolean stepFollower(Message m) {
    switch (m.type()) {
      case PROP, READ_INDEX -> {
        if (lead == NONE) {
          return false;
        }
        forward(m, lead);
      }
      case APP -> {
        electionElapsed = 0;
        lead = m.from();
        followerReplication.handleAppend(m);
      }
      case HEARTBEAT -> {
        electionElapsed = 0;
        lead = m.from();
        followerReplication.handleHeartbeat(m);
      }
      case SNAP -> {
        electionElapsed = 0;
        lead = m.from();
        followerReplication.handleSnapshot(m);
      }
      case READ_INDEX_RESP -> readStates.add(new ReadState(m.index(), m.context()));
      case TRANSFER_LEADER -> {
        if (lead != NONE) {
          // Keeps from = the transferee, which is what the leader acts on.
          msgs.add(new Message(m.type(), lead, m.from(), 0, 0, 0, List.of(), 0, Snapshot.EMPTY,
              false, 0, m.context()));
        }
      }
      case TIMEOUT_NOW -> elections.timeoutNow();
      default -> { }
    }
    return true;
  }

  // ---- leadership transfer ------------------------------------------------------------------

  private void startTransfer(long transferee, Progress pr) {
    if (transferee == id || transferee == leadTransferee || pr.learner) {
      return; // a learner cannot lead: it would not even campaign
    }
    leadTransferee = transferee;
    electionElapsed = 0; // the transfer gets one election timeout to finish
    if (pr.match == raftLog.lastIndex()) {
      send(MessageBuilder.of(MessageType.TIMEOUT_NOW, transferee));
    } else {
      replication.sendAppend(transferee, true); // TIMEOUT_NOW follows once it has caught up
    }
  }

  void transferLeadership(long transferee) {
    step(MessageBuilder.of(MessageType.TRANSFER_LEADER, id).from(transferee).build());
  }

  // ---- proposals and commit -----------------------------------------------------------------

  /** Whether a conf change is in the log but not yet applied (only one may be in flight). */
  boolean confChangePending() { return pendingConfIndex > raftLog.applied; }

  /**
   * Appends proposed entries as leader, all or none; the broadcast is deferred to the next Ready
   * so that proposals between two Readys travel as one append per follower.
   */
  Admission propose(List<Entry> entries) {
    if (state != StateRole.LEADER || !prs.isVoter(id)) {
      return Admission.NOT_LEADER;
    }
    if (leadTransferee != NONE) {
      return Admission.TRANSFERRING;
    }
    long lastIndex = raftLog.lastIndex() + entries.size();
    if (!uncommitted.tryAdd(lastIndex, UncommittedBudget.payloadBytes(entries))) {
      return Admission.UNCOMMITTED_FULL;
    }
    for (Entry e : entries) {
      EntryType type = e.type();
      byte[] payload = e.data();
      if (type == EntryType.CONF_CHANGE) {
        if (confChangePending()) {
          // One conf change at a time (a forwarded one): keep the slot in the log but as a no-op.
          type = EntryType.NORMAL;
          payload = MessageBuilder.NO_CONTEXT;
        } else {
          pendingConfIndex = raftLog.lastIndex() + 1;
        }
      }
      appendEntry(type, payload);
    }
    broadcastPending = true;
    return Admission.ACCEPTED;
  }

  /** Asks for appends to every follower with the next Ready (new entries, or a new commit index). */
  void broadcastSoon() { broadcastPending = true; }

  /** Sends appends for entries gathered since the last call: one message per follower batch. */
  void flushBroadcast() {
    if (broadcastPending) {
      broadcastPending = false;
      if (state == StateRole.LEADER) {
        replication.bcastAppend();
      }
    }
  }

  private void appendEntry(EntryType type, byte[] data) {
    long index = raftLog.lastIndex() + 1;
    raftLog.append(List.of(new Entry(term, index, type, data)));
    Progress self = prs.get(id);
    if (self != null) {
      self.maybeUpdate(index);
    }
    maybeCommit();
  }

  /** Commits what a quorum of voters holds, if that moved the commit index (leader only). */
  boolean maybeCommit() {
    if (raftLog.maybeCommit(prs.committed(), term)) {
      uncommitted.committedTo(raftLog.committed);
      readIndex.releasePending();
      return true;
    }
    return false;
  }

  /** Payload bytes of proposals this leader appended that are not yet committed. */
  long uncommittedBytes() { return uncommitted.bytes(); }

  // ---- sending ------------------------------------------------------------------------------

  void send(MessageBuilder b) {
    b.from(id);
    MessageType t = b.type();
    if (t == MessageType.VOTE || t == MessageType.VOTE_RESP || t == MessageType.PRE_VOTE
        || t == MessageType.PRE_VOTE_RESP) {
      if (b.term() == 0) {
        throw new IllegalStateException("term must be set for " + t);
      }
    } else if (t != MessageType.PROP && t != MessageType.READ_INDEX) {
      // Proposals and reads forwarded to the leader stay term-less, like local messages.
      b.term(term);
    }
    msgs.add(b.build());
  }

  private void forward(Message m, long to) {
    msgs.add(new Message(m.type(), to, id, 0, 0, 0, m.entries(), 0, Snapshot.EMPTY, false, 0,
        m.context()));
  }

  void reportSnapshot(long to, boolean failed) {
    step(MessageBuilder.of(MessageType.SNAP_STATUS, id).from(to).reject(failed).build());
  }

  void reportUnreachable(long to) {
    step(MessageBuilder.of(MessageType.UNREACHABLE, id).from(to).build());
  }
}
