package io.etcdj.raft;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Elections (etcd's campaign, poll and vote handling in raft.go): campaigns with or without
 * pre-vote, the votes this node grants, leader leases under check-quorum, and the rule that no
 * node campaigns on a configuration it has not finished applying. Only voters campaign and only
 * voters' answers are counted; a learner never asks for a vote. Part of {@link RaftProtocol},
 * owned by the Raft thread.
 */
final class Elections {
  /** Vote context of an election started by a leadership transfer: it overrides leader leases. */
  private static final byte[] CAMPAIGN_TRANSFER = "CampaignTransfer".getBytes(StandardCharsets.US_ASCII);

  private final RaftProtocol r;
  /** Conf changes at or below this index were applied at bootstrap and do not block campaigns. */
  long bootstrapConfIndex;
  /**
   * An explicit campaign() refused because committed conf changes were not yet applied: it runs
   * as soon as they are (typically right after a restart's first Ready), unless a leader shows up.
   */
  private boolean campaignDeferred;
  /**
   * The term in which a leader's TIMEOUT_NOW arrived while conf changes were still to be applied:
   * the transfer campaign runs once they are, if nothing has happened in between.
   */
  private long transferDeferredTerm = RaftProtocol.NONE;

  Elections(RaftProtocol r) { this.r = r; }

  /** The application asked for an election now. */
  void requestCampaign() {
    if (r.state == StateRole.LEADER || !r.prs.isVoter(r.id)) {
      return;
    }
    if (hasUnappliedConfChanges()) {
      campaignDeferred = true;
      return;
    }
    campaign(r.config.preVote(), false);
  }

  /** Called after the application applied a Ready's committed entries. */
  void afterApply() {
    if (transferDeferredTerm != RaftProtocol.NONE) {
      long deferredTerm = transferDeferredTerm;
      if (r.term != deferredTerm || r.state != StateRole.FOLLOWER) {
        transferDeferredTerm = RaftProtocol.NONE; // an election came and went meanwhile
      } else if (!hasUnappliedConfChanges()) {
        transferDeferredTerm = RaftProtocol.NONE;
        if (r.prs.isVoter(r.id)) {
          campaign(false, true);
        }
      }
    }
    if (!campaignDeferred) {
      return;
    }
    if (r.lead != RaftProtocol.NONE || r.state == StateRole.LEADER) {
      campaignDeferred = false; // someone leads: no need to disrupt it
    } else if (!hasUnappliedConfChanges()) {
      campaignDeferred = false;
      requestCampaign();
    }
  }

  /** An election timeout (HUP): campaign, if this node may. */
  void hup() {
    if (r.state == StateRole.LEADER || !r.prs.isVoter(r.id) || hasUnappliedConfChanges()) {
      return;
    }
    campaign(r.config.preVote(), false);
  }

  /**
   * The leader asked us to take over: skip pre-vote and override leases. Not as a learner, and not
   * before the committed configuration is applied (we might count the wrong voters): then the
   * campaign waits for the apply.
   */
  void timeoutNow() {
    if (!r.prs.isVoter(r.id)) {
      return;
    }
    if (hasUnappliedConfChanges()) {
      transferDeferredTerm = r.term;
      return;
    }
    campaign(false, true);
  }

  private void campaign(boolean preVote, boolean transfer) {
    long voteTerm;
    MessageType voteType;
    if (preVote) {
      r.becomePreCandidate();
      voteType = MessageType.PRE_VOTE;
      voteTerm = r.term + 1; // the term we would campaign at, without moving to it yet
    } else {
      r.becomeCandidate();
      voteType = MessageType.VOTE;
      voteTerm = r.term;
    }
    if (poll(r.id, true) == Quorum.VoteResult.WON) {
      // A single voter wins on its own vote.
      if (preVote) {
        campaign(false, transfer);
      } else {
        r.becomeLeader();
      }
      return;
    }
    long lastIndex = r.raftLog.lastIndex();
    long lastTerm = r.raftLog.lastTerm();
    for (long voter : r.prs.voters()) {
      if (voter != r.id) {
        r.send(MessageBuilder.of(voteType, voter).term(voteTerm).index(lastIndex).logTerm(lastTerm)
            .context(transfer ? CAMPAIGN_TRANSFER : null));
      }
    }
  }

  private Quorum.VoteResult poll(long from, boolean granted) {
    r.prs.recordVote(from, granted);
    return r.prs.tallyVotes();
  }

  /**
   * Whether a vote request of a higher term is to be ignored: under check-quorum, a follower that
   * heard from its leader within the minimum election timeout (the leader's lease) does not let
   * a partitioned or rejoining node disrupt it, unless the leader itself asked for the election.
   * A follower that forgot its leader holds no lease.
   */
  boolean ignoresDisruptor(Message m) {
    boolean force = Arrays.equals(m.context(), CAMPAIGN_TRANSFER);
    boolean inLease = r.config.checkQuorum() && r.lead != RaftProtocol.NONE
        && r.electionElapsed < r.config.electionTicks();
    return !force && inLease;
  }

  /**
   * Answers a (pre-)vote request. A learner answers too, as etcd's does: it may have been promoted
   * by an entry it holds but has not seen committed, and the candidate, which counts it as a
   * voter, may need its vote. A candidate that still sees it as a learner ignores the answer.
   */
  void handleVoteRequest(Message m) {
    boolean canVote = r.vote == m.from()
        || (r.vote == RaftProtocol.NONE && r.lead == RaftProtocol.NONE)
        || (m.type() == MessageType.PRE_VOTE && m.term() > r.term);
    MessageType respType = m.type() == MessageType.VOTE
        ? MessageType.VOTE_RESP : MessageType.PRE_VOTE_RESP;
    if (canVote && r.raftLog.isUpToDate(m.index(), m.logTerm())) {
      r.send(MessageBuilder.of(respType, m.from()).term(m.term()));
      if (m.type() == MessageType.VOTE) {
        r.electionElapsed = 0;
        r.vote = m.from();
      }
    } else {
      r.send(MessageBuilder.of(respType, m.from()).term(r.term).reject(true));
    }
  }

  /** A (pre-)candidate counts an answer; the tally counts voters only. */
  void handleVoteResponse(Message m) {
    MessageType expected = r.state == StateRole.PRE_CANDIDATE
        ? MessageType.PRE_VOTE_RESP : MessageType.VOTE_RESP;
    if (m.type() != expected) {
      return;
    }
    switch (poll(m.from(), !m.reject())) {
      case WON -> {
        if (r.state == StateRole.PRE_CANDIDATE) {
          campaign(false, false); // a transfer campaign never pre-votes, so this is not one
        } else {
          r.becomeLeader();
        }
      }
      case LOST -> r.becomeFollower(r.term, RaftProtocol.NONE);
      case PENDING -> { }
    }
  }

  /** Conf changes committed but not applied would make our view of the voters stale. */
  boolean hasUnappliedConfChanges() {
    RaftLog log = r.raftLog;
    long lo = Math.max(log.applied, bootstrapConfIndex) + 1;
    long hi = log.committed + 1;
    if (lo >= hi) {
      return false;
    }
    try {
      // Page through, so a long unapplied tail after a restart is never loaded whole.
      for (long from = Math.max(lo, log.firstIndex()); from < hi; ) {
        List<Entry> page = log.slice(from, hi, 8L << 20);
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
}
