package io.etcdj.raft;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The Raft protocol proper (etcd's raft.go): roles, elections, replication, commit and ReadIndex.
 * Inputs are ticks and messages; outputs accumulate in {@link #msgs} and {@link #readStates} and
 * in the log, for {@link RaftNode} to hand out as a {@link Ready}. Owned by the single thread that
 * drives the RaftNode; nothing here is thread-safe.
 */
final class RaftProtocol {
  static final long NONE = 0;
  /** Vote context of an election started by a leadership transfer: it overrides leader leases. */
  private static final byte[] CAMPAIGN_TRANSFER = "CampaignTransfer".getBytes(StandardCharsets.US_ASCII);

  final long id;
  private final RaftConfig config;
  final RaftLog raftLog;
  final ProgressTracker prs;
  private final SplittableRandom random;
  private final Replication replication;

  long term;
  long vote;
  long lead = NONE;
  StateRole state = StateRole.FOLLOWER;

  /** Messages to send, drained by each Ready. */
  List<Message> msgs = new ArrayList<>();
  /** Answers to ReadIndex requests, drained by each Ready. */
  List<ReadState> readStates = new ArrayList<>();

  private ReadOnly readOnly = new ReadOnly();
  /** ReadIndex requests that arrived before this leader committed an entry of its own term. */
  private final List<Message> pendingReadIndex = new ArrayList<>();
  /** No new conf change may be proposed until the one at this index is applied. */
  private long pendingConfIndex;
  /** Conf changes at or below this index were applied at bootstrap and do not block campaigns. */
  long bootstrapConfIndex;
  /** The member this leader is handing leadership to, or NONE. Proposals wait meanwhile. */
  long leadTransferee = NONE;
  /**
   * An explicit campaign() refused because committed conf changes were not yet applied: it runs
   * as soon as they are (typically right after a restart's first Ready), unless a leader shows up.
   */
  private boolean campaignDeferred;
  /** Proposals appended since the last broadcast; flushed once per Ready (batches appends). */
  private boolean broadcastPending;

  private int electionElapsed;
  private int heartbeatElapsed;
  private int randomizedElectionTimeout;

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
    this.replication = new Replication(id, raftLog, prs, config.maxSizePerMsgBytes(), this::send);
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
    long last = raftLog.lastIndex();
    for (Map.Entry<Long, Progress> e : prs.progress.entrySet()) {
      Progress fresh = new Progress(e.getKey() == id ? last : 0, last + 1, prs.maxInflight());
      e.setValue(fresh);
    }
    pendingConfIndex = 0;
    leadTransferee = NONE;
    readOnly = new ReadOnly();
    pendingReadIndex.clear();
    broadcastPending = false;
  }

  void becomeFollower(long newTerm, long leader) {
    reset(newTerm);
    lead = leader;
    state = StateRole.FOLLOWER;
  }

  private void becomePreCandidate() {
    if (state == StateRole.LEADER) {
      throw new IllegalStateException("leader cannot become pre-candidate");
    }
    // Pre-vote changes neither term nor vote: a partitioned node cannot disrupt the cluster.
    prs.resetVotes();
    lead = NONE;
    state = StateRole.PRE_CANDIDATE;
  }

  private void becomeCandidate() {
    if (state == StateRole.LEADER) {
      throw new IllegalStateException("leader cannot become candidate");
    }
    reset(term + 1);
    vote = id;
    state = StateRole.CANDIDATE;
  }

  private void becomeLeader() {
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
    // An entry of our own term lets us commit everything before it (paper §5.4.2).
    appendEntry(EntryType.NORMAL, MessageBuilder.NO_CONTEXT);
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

  private MessageBuilder local(MessageType type) { return MessageBuilder.of(type, id).from(id); }

  /** The application asked for an election now. */
  void requestCampaign() {
    if (state == StateRole.LEADER || !prs.isVoter(id)) {
      return;
    }
    if (hasUnappliedConfChanges()) {
      campaignDeferred = true;
      return;
    }
    campaign(config.preVote());
  }

  /** Called after the application applied a Ready's committed entries. */
  void afterApply() {
    if (!campaignDeferred) {
      return;
    }
    if (lead != NONE || state == StateRole.LEADER) {
      campaignDeferred = false; // someone leads: no need to disrupt it
    } else if (!hasUnappliedConfChanges()) {
      campaignDeferred = false;
      requestCampaign();
    }
  }

  // ---- elections ----------------------------------------------------------------------------

  private void campaign(boolean preVote) { campaign(preVote, false); }

  private void campaign(boolean preVote, boolean transfer) {
    long voteTerm;
    MessageType voteType;
    if (preVote) {
      becomePreCandidate();
      voteType = MessageType.PRE_VOTE;
      voteTerm = term + 1; // the term we would campaign at, without moving to it yet
    } else {
      becomeCandidate();
      voteType = MessageType.VOTE;
      voteTerm = term;
    }
    if (poll(id, true) == Quorum.VoteResult.WON) {
      if (preVote) {
        campaign(false);
      } else {
        becomeLeader();
      }
      return;
    }
    long lastIndex = raftLog.lastIndex();
    long lastTerm = raftLog.lastTerm();
    for (long voter : prs.voters()) {
      if (voter != id) {
        send(MessageBuilder.of(voteType, voter).term(voteTerm).index(lastIndex).logTerm(lastTerm)
            .context(transfer ? CAMPAIGN_TRANSFER : null));
      }
    }
  }

  private Quorum.VoteResult poll(long from, boolean granted) {
    prs.recordVote(from, granted);
    return prs.tallyVotes();
  }

  /** Conf changes committed but not applied would make our view of the voters stale. */
  private boolean hasUnappliedConfChanges() {
    long lo = Math.max(raftLog.applied, bootstrapConfIndex) + 1;
    long hi = raftLog.committed + 1;
    if (lo >= hi) {
      return false;
    }
    try {
      // Page through, so a long unapplied tail after a restart is never loaded whole.
      for (long from = Math.max(lo, raftLog.firstIndex()); from < hi; ) {
        List<Entry> page = raftLog.slice(from, hi, 8L << 20);
        for (Entry e : page) {
          if (e.type() == EntryType.CONF_CHANGE) {
            return true;
          }
        }
        from += page.size();
      }
    } catch (RaftLog.CompactedException e) {
      return true;
    }
    return false;
  }

  // ---- message dispatch -------------------------------------------------------------------------

  /** Handles a message; returns false if it was a proposal or read that had to be dropped. */
  boolean step(Message m) {
    if (m.term() > term && m.term() != 0) {
      if (m.type() == MessageType.VOTE || m.type() == MessageType.PRE_VOTE) {
        boolean force = Arrays.equals(m.context(), CAMPAIGN_TRANSFER);
        boolean inLease = config.checkQuorum() && lead != NONE
            && electionElapsed < config.electionTicks();
        if (!force && inLease) {
          // We heard from a live leader within the minimum election timeout: ignore disruptors.
          return true;
        }
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
        if (state != StateRole.LEADER && prs.isVoter(id) && !hasUnappliedConfChanges()) {
          campaign(config.preVote());
        }
        return true;
      }
      case VOTE, PRE_VOTE -> {
        handleVoteRequest(m);
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

  private void handleVoteRequest(Message m) {
    boolean canVote = vote == m.from()
        || (vote == NONE && lead == NONE)
        || (m.type() == MessageType.PRE_VOTE && m.term() > term);
    MessageType respType = m.type() == MessageType.VOTE
        ? MessageType.VOTE_RESP : MessageType.PRE_VOTE_RESP;
    if (canVote && raftLog.isUpToDate(m.index(), m.logTerm())) {
      send(MessageBuilder.of(respType, m.from()).term(m.term()));
      if (m.type() == MessageType.VOTE) {
        electionElapsed = 0;
        vote = m.from();
      }
    } else {
      send(MessageBuilder.of(respType, m.from()).term(term).reject(true));
    }
  }

  // ---- leader -------------------------------------------------------------------------------

  private boolean stepLeader(Message m) {
    switch (m.type()) {
      case BEAT -> {
        replication.bcastHeartbeat(readOnly.lastPendingRequestCtx());
        return true;
      }
      case CHECK_QUORUM -> {
        if (!prs.quorumActive(id)) {
          becomeFollower(term, NONE);
        }
        for (Map.Entry<Long, Progress> e : prs.progress.entrySet()) {
          if (e.getKey() != id) {
            e.getValue().recentActive = false;
          }
        }
        return true;
      }
      case PROP -> {
        if (!prs.isVoter(id) || leadTransferee != NONE) {
          return false;
        }
        for (Entry e : m.entries()) {
          if (!appendProposal(e.type(), e.data())) {
            return false;
          }
        }
        return true;
      }
      case READ_INDEX -> {
        handleReadIndexAsLeader(m);
        return true;
      }
      default -> { }
    }
    Progress pr = prs.get(m.from());
    if (pr == null) {
      return true;
    }
    switch (m.type()) {
      case APP_RESP -> handleAppendResponse(m, pr);
      case HEARTBEAT_RESP -> handleHeartbeatResponse(m, pr);
      case SNAP_STATUS -> {
        if (pr.state == Progress.State.SNAPSHOT) {
          if (m.reject()) {
            pr.pendingSnapshot = 0;
          }
          pr.becomeProbe();
          // Wait for the next heartbeat response (or the follower's append response) to resume.
          pr.probeSent = true;
        }
      }
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

  private void startTransfer(long transferee, Progress pr) {
    if (transferee == id || transferee == leadTransferee) {
      return;
    }
    leadTransferee = transferee;
    electionElapsed = 0; // the transfer gets one election timeout to finish
    if (pr.match == raftLog.lastIndex()) {
      send(MessageBuilder.of(MessageType.TIMEOUT_NOW, transferee));
    } else {
      replication.sendAppend(transferee, true); // TIMEOUT_NOW follows once it has caught up
    }
  }

  /** Whether a conf change is in the log but not yet applied (only one may be in flight). */
  boolean confChangePending() { return pendingConfIndex > raftLog.applied; }

  /** Appends one proposed entry as leader; the broadcast is deferred to the next Ready. */
  boolean appendProposal(EntryType type, byte[] data) {
    if (state != StateRole.LEADER || !prs.isVoter(id) || leadTransferee != NONE) {
      return false;
    }
    EntryType effective = type;
    byte[] payload = data;
    if (type == EntryType.CONF_CHANGE) {
      if (confChangePending()) {
        // One conf change at a time (a forwarded one): keep the slot in the log but as a no-op.
        effective = EntryType.NORMAL;
        payload = MessageBuilder.NO_CONTEXT;
      } else {
        pendingConfIndex = raftLog.lastIndex() + 1;
      }
    }
    appendEntry(effective, payload);
    broadcastPending = true;
    return true;
  }

  /** Sends appends for proposals gathered since the last call: one message per follower batch. */
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

  private boolean maybeCommit() {
    if (raftLog.maybeCommit(prs.committed(), term)) {
      releasePendingReadIndex();
      return true;
    }
    return false;
  }

  private void handleAppendResponse(Message m, Progress pr) {
    pr.recentActive = true;
    if (m.reject()) {
      if (pr.maybeDecrTo(m.index(), m.rejectHint())) {
        if (pr.state == Progress.State.REPLICATE) {
          pr.becomeProbe();
        }
        replication.sendAppend(m.from(), true);
      }
      return;
    }
    boolean wasPaused = pr.isPaused();
    if (!pr.maybeUpdate(m.index())) {
      return;
    }
    switch (pr.state) {
      case PROBE -> pr.becomeReplicate();
      case SNAPSHOT -> {
        if (pr.match >= pr.pendingSnapshot) {
          pr.becomeProbe();
          pr.becomeReplicate();
        }
      }
      case REPLICATE -> pr.inflights.freeLE(m.index());
    }
    if (maybeCommit()) {
      replication.bcastAppend();
    } else if (wasPaused) {
      replication.sendAppend(m.from(), true);
    }
    // Keep streaming while the window allows and entries remain.
    while (replication.sendAppend(m.from(), false)) {
      // each call sends one more batch
    }
    if (m.from() == leadTransferee && pr.match == raftLog.lastIndex()) {
      send(MessageBuilder.of(MessageType.TIMEOUT_NOW, m.from()));
    }
  }

  private void handleHeartbeatResponse(Message m, Progress pr) {
    pr.recentActive = true;
    pr.probeSent = false;
    if (pr.state == Progress.State.REPLICATE && pr.inflights.full()) {
      pr.inflights.freeFirstOne();
    }
    if (pr.match < raftLog.lastIndex()) {
      replication.sendAppend(m.from(), true);
    }
    if (m.context().length == 0) {
      return;
    }
    Set<Long> acks = readOnly.recvAck(m.from(), m.context());
    if (acks == null || !hasQuorum(acks)) {
      return;
    }
    for (ReadOnly.Status rs : readOnly.advance(m.context())) {
      answerRead(rs.request(), rs.index());
    }
  }

  private boolean hasQuorum(Set<Long> acks) {
    Map<Long, Boolean> votes = new HashMap<>();
    for (long a : acks) {
      votes.put(a, true);
    }
    return Quorum.voteResult(prs.progress.keySet(), votes) == Quorum.VoteResult.WON;
  }

  private void handleReadIndexAsLeader(Message m) {
    if (prs.progress.size() == 1 && prs.isVoter(id)) {
      answerRead(m, raftLog.committed);
      return;
    }
    if (raftLog.zeroTermOnCompacted(raftLog.committed) != term) {
      // Our commit index may lag the true one until an entry of our term commits.
      pendingReadIndex.add(m);
      return;
    }
    readOnly.addRequest(raftLog.committed, m);
    readOnly.recvAck(id, m.context());
    replication.bcastHeartbeat(m.context());
  }

  private void releasePendingReadIndex() {
    if (pendingReadIndex.isEmpty() || state != StateRole.LEADER) {
      return;
    }
    List<Message> waiting = new ArrayList<>(pendingReadIndex);
    pendingReadIndex.clear();
    for (Message m : waiting) {
      handleReadIndexAsLeader(m);
    }
  }

  private void answerRead(Message request, long index) {
    if (request.from() == NONE || request.from() == id) {
      readStates.add(new ReadState(index, request.context()));
    } else {
      send(MessageBuilder.of(MessageType.READ_INDEX_RESP, request.from()).index(index)
          .context(request.context()));
    }
  }

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

  // ---- candidate and follower ---------------------------------------------------------------

  private boolean stepCandidate(Message m) {
    MessageType myVoteResp = state == StateRole.PRE_CANDIDATE
        ? MessageType.PRE_VOTE_RESP : MessageType.VOTE_RESP;
    switch (m.type()) {
      case PROP, READ_INDEX -> {
        return false;
      }
      case APP -> {
        becomeFollower(m.term(), m.from());
        handleAppend(m);
      }
      case HEARTBEAT -> {
        becomeFollower(m.term(), m.from());
        handleHeartbeat(m);
      }
      case SNAP -> {
        becomeFollower(m.term(), m.from());
        handleSnapshot(m);
      }
      default -> {
        if (m.type() == myVoteResp) {
          switch (poll(m.from(), !m.reject())) {
            case WON -> {
              if (state == StateRole.PRE_CANDIDATE) {
                campaign(false);
              } else {
                becomeLeader();
                replication.bcastAppend();
              }
            }
            case LOST -> becomeFollower(term, NONE);
            case PENDING -> { }
          }
        }
      }
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
        handleAppend(m);
      }
      case HEARTBEAT -> {
        electionElapsed = 0;
        lead = m.from();
        handleHeartbeat(m);
      }
      case SNAP -> {
        electionElapsed = 0;
        lead = m.from();
        handleSnapshot(m);
      }
      case READ_INDEX_RESP -> readStates.add(new ReadState(m.index(), m.context()));
      case TRANSFER_LEADER -> {
        if (lead != NONE) {
          // Keeps from = the transferee, which is what the leader acts on.
          msgs.add(new Message(m.type(), lead, m.from(), 0, 0, 0, List.of(), 0, Snapshot.EMPTY,
              false, 0, m.context()));
        }
      }
      case TIMEOUT_NOW -> {
        if (prs.isVoter(id)) {
          // The leader asked us to take over: skip pre-vote and override leases.
          campaign(false, true);
        }
      }
      default -> { }
    }
    return true;
  }

  private void handleAppend(Message m) {
    if (m.index() < raftLog.committed) {
      send(MessageBuilder.of(MessageType.APP_RESP, m.from()).index(raftLog.committed));
      return;
    }
    long lastNew = raftLog.maybeAppend(m.index(), m.logTerm(), m.commit(), m.entries());
    if (lastNew >= 0) {
      send(MessageBuilder.of(MessageType.APP_RESP, m.from()).index(lastNew));
    } else {
      send(MessageBuilder.of(MessageType.APP_RESP, m.from()).index(m.index()).reject(true)
          .rejectHint(raftLog.lastIndex()));
    }
  }

  private void handleHeartbeat(Message m) {
    raftLog.commitTo(m.commit());
    send(MessageBuilder.of(MessageType.HEARTBEAT_RESP, m.from()).context(m.context()));
  }

  private void handleSnapshot(Message m) {
    if (restore(m.snapshot())) {
      send(MessageBuilder.of(MessageType.APP_RESP, m.from()).index(raftLog.lastIndex()));
    } else {
      send(MessageBuilder.of(MessageType.APP_RESP, m.from()).index(raftLog.committed));
    }
  }

  private boolean restore(Snapshot s) {
    SnapshotMetadata meta = s.metadata();
    if (meta.index() <= raftLog.committed) {
      return false;
    }
    if (raftLog.matchTerm(meta.index(), meta.term())) {
      // We already hold the snapshot's last entry: just fast-forward the commit index.
      raftLog.commitTo(meta.index());
      return false;
    }
    raftLog.restore(s);
    prs.progress.clear();
    long last = raftLog.lastIndex();
    for (long voter : meta.confState().voters()) {
      prs.add(voter, voter == id ? last : 0, last + 1);
    }
    return true;
  }

  // ---- configuration ------------------------------------------------------------------------

  ConfState applyConfChange(ConfChange cc) {
    long nodeId = cc.nodeId();
    switch (cc.type()) {
      case ADD_NODE -> {
        if (!prs.isVoter(nodeId)) {
          long last = raftLog.lastIndex();
          prs.add(nodeId, 0, last + 1);
        }
      }
      case REMOVE_NODE -> {
        prs.remove(nodeId);
        if (nodeId == leadTransferee) {
          leadTransferee = NONE;
        }
        if (state == StateRole.LEADER && !prs.progress.isEmpty() && maybeCommit()) {
          // Fewer voters may mean a lower quorum: entries may now be committed.
          replication.bcastAppend();
        }
      }
      case UPDATE_NODE -> { }
    }
    return prs.confState();
  }

  /** Installs the voters of a persisted configuration at startup. */
  void restoreConfState(ConfState cs) {
    long last = raftLog.lastIndex();
    for (long voter : cs.voters()) {
      prs.add(voter, voter == id ? last : 0, last + 1);
    }
  }

  void reportSnapshot(long to, boolean failed) {
    step(MessageBuilder.of(MessageType.SNAP_STATUS, id).from(to).reject(failed).build());
  }

  void transferLeadership(long transferee) {
    step(MessageBuilder.of(MessageType.TRANSFER_LEADER, id).from(transferee).build());
  }

  void reportUnreachable(long to) {
    step(MessageBuilder.of(MessageType.UNREACHABLE, id).from(to).build());
  }
}
