package io.etcdj.server;

import io.etcdj.kvstore.StoreResult;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Proposals appended to the log and not yet applied, by request id. Owned by the apply thread
 * (the Raft loop hands each proposal over before its entry can be applied). Insertion order is deadline order (every proposal gets the same timeout), so expiring
 * them only looks at the head.
 */
final class PendingProposals {
  private final LinkedHashMap<Long, RaftRequest.Proposal> byId = new LinkedHashMap<>();
  private final ServerMetrics metrics;
  private volatile int size; // read by the metrics scrape thread

  PendingProposals(ServerMetrics metrics) { this.metrics = metrics; }

  void add(RaftRequest.Proposal proposal) {
    byId.put(proposal.requestId(), proposal);
    size = byId.size();
  }

  int size() { return size; }

  /**
   * Completes the proposal {@code requestId} if this member proposed the entry {@code data} and
   * still waits. An entry with the id of one of ours but other data is another member's (request
   * ids can collide, see {@link RequestIds}): ours is still to come.
   */
  void complete(long requestId, byte[] data, StoreResult result) {
    RaftRequest.Proposal proposal = byId.get(requestId);
    if (proposal != null && Arrays.equals(proposal.data(), data)) {
      byId.remove(requestId);
      size = byId.size();
      proposal.future().complete(result);
    }
  }

  void failExpired(long nowNanos) {
    Iterator<RaftRequest.Proposal> it = byId.values().iterator();
    while (it.hasNext()) {
      RaftRequest.Proposal proposal = it.next();
      if (proposal.deadlineNanos() - nowNanos > 0) {
        return;
      }
      it.remove();
      size = byId.size();
      metrics.proposalsFailed.increment();
      proposal.future().completeExceptionally(new ServerUnavailableException("etcdserver: request timed out"));
    }
  }

  void failAll(String message) {
    for (RaftRequest.Proposal proposal : byId.values()) {
      metrics.proposalsFailed.increment();
      proposal.future().completeExceptionally(new ServerUnavailableException(message));
    }
    byId.clear();
    size = 0;
  }
}
