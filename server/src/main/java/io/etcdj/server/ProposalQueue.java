package io.etcdj.server;

import io.etcdj.raft.ProposalDroppedException;
import io.etcdj.raft.RaftNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Proposals on their way into the Raft log. A proposal made while no leader is known (an
 * election, a leadership transfer) waits here, bounded by its deadline, and is proposed as soon
 * as a leader is known, so a failover is a pause for clients rather than a burst of errors.
 * Proposals accepted by the node are handed to the apply thread to wait for their entry. Owned
 * by the thread driving the {@link RaftDriver}.
 */
final class ProposalQueue {
  private final RaftNode node;
  private final ServerMetrics metrics;
  private final ArrayDeque<RaftRequest> waiting = new ArrayDeque<>();
  private List<RaftRequest.Proposal> proposed = new ArrayList<>();
  private List<RaftRequest.ConfChangeProposal> confProposed = new ArrayList<>();

  ProposalQueue(RaftNode node, ServerMetrics metrics) {
    this.node = node;
    this.metrics = metrics;
  }

  void propose(RaftRequest.Proposal p, boolean leaderKnown) {
    if (!leaderKnown || !waiting.isEmpty()) {
      hold(p); // keep the order of proposals behind those already waiting
      return;
    }
    tryPropose(p);
  }

  void proposeConfChange(RaftRequest.ConfChangeProposal c, boolean leaderKnown) {
    if (!leaderKnown) {
      waiting.add(c);
      return;
    }
    tryPropose(c);
  }

  /**
   * Proposes {@code c} now, or not at all: a refused one is dropped, not held for a later leader.
   * For a change the leader decided from its view of the moment, which may no longer hold later.
   */
  boolean proposeConfChangeNow(RaftRequest.ConfChangeProposal c) {
    try {
      node.proposeConfChange(c.change());
    } catch (ProposalDroppedException e) {
      return false;
    }
    confProposed.add(c);
    return true;
  }

  /** Whether the node took it; a refused one waits for the next leader (or fails if nobody waits). */
  private boolean tryPropose(RaftRequest request) {
    try {
      if (request instanceof RaftRequest.Proposal p) {
        node.propose(p.data());
        if (p.future() != null) {
          proposed.add(p);
        }
      } else if (request instanceof RaftRequest.ConfChangeProposal c) {
        node.proposeConfChange(c.change());
        confProposed.add(c);
      }
      return true;
    } catch (ProposalDroppedException e) {
      hold(request);
      return false;
    }
  }

  private void hold(RaftRequest request) {
    if (request instanceof RaftRequest.Proposal p && p.future() == null) {
      return; // the leader's own TTL tick: the next leader makes its own
    }
    waiting.add(request);
  }

  /** Proposes what waited, in order, now that a leader may be known; stops at the first refusal. */
  void retryWaiting(boolean leaderKnown) {
    if (!leaderKnown) {
      return;
    }
    int n = waiting.size();
    for (int i = 0; i < n; i++) {
      RaftRequest r = waiting.poll();
      if (!tryPropose(r)) {
        // tryPropose put it at the tail: move the rest behind it, keeping their order
        for (int j = i + 1; j < n; j++) {
          waiting.add(waiting.poll());
        }
        return;
      }
    }
  }

  boolean hasProposed() { return !proposed.isEmpty() || !confProposed.isEmpty(); }

  List<RaftRequest.Proposal> takeProposed() {
    if (proposed.isEmpty()) {
      return List.of();
    }
    List<RaftRequest.Proposal> taken = proposed;
    proposed = new ArrayList<>();
    return taken;
  }

  List<RaftRequest.ConfChangeProposal> takeConfChanges() {
    if (confProposed.isEmpty()) {
      return List.of();
    }
    List<RaftRequest.ConfChangeProposal> taken = confProposed;
    confProposed = new ArrayList<>();
    return taken;
  }

  void failExpired(long nowNanos) {
    Iterator<RaftRequest> it = waiting.iterator();
    while (it.hasNext()) {
      RaftRequest r = it.next();
      long deadline = r instanceof RaftRequest.Proposal p ? p.deadlineNanos()
          : ((RaftRequest.ConfChangeProposal) r).deadlineNanos();
      if (deadline - nowNanos <= 0) {
        it.remove();
        fail(r, "etcdserver: request timed out");
      }
    }
  }

  void failAll(String message) {
    for (RaftRequest r : waiting) {
      fail(r, message);
    }
    waiting.clear();
    proposed.forEach(p -> p.future().completeExceptionally(new ServerUnavailableException(message)));
    confProposed.forEach(c -> c.future().completeExceptionally(new ServerUnavailableException(message)));
    proposed.clear();
    confProposed.clear();
  }

  private void fail(RaftRequest r, String message) {
    metrics.proposalsFailed.increment();
    ServerUnavailableException error = new ServerUnavailableException(message);
    if (r instanceof RaftRequest.Proposal p) {
      p.future().completeExceptionally(error);
    } else if (r instanceof RaftRequest.ConfChangeProposal c) {
      c.future().completeExceptionally(error);
    }
  }
}
