package io.etcdj.server;

import io.etcdj.raft.ConfChange;
import io.etcdj.raft.FollowerProgress;
import io.etcdj.raft.RaftStatus;
import io.etcdj.raft.StateRole;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's promotion of learners: a member added at runtime joins as a learner (so a slow
 * joiner cannot cost the cluster its quorum) and becomes a voter once it holds at least 90% of
 * the leader's log (etcd's isLearnerReady) and was heard from recently. One conf change at a
 * time; a promotion not applied within {@code retryNanos} is proposed again. A promotion is
 * decided from the leader's view of the moment, so it is proposed then or not at all: refused
 * (another conf change is still being applied), it is not held for later, when it could land
 * after the learner's removal and make a member that stopped for good a voter again. Owned by
 * the thread driving the {@link RaftDriver}.
 */
final class LearnerPromotion {
  private static final Logger LOG = LoggerFactory.getLogger(LearnerPromotion.class);

  private final Membership membership;
  private final ProposalQueue proposals;
  private final long retryNanos;
  /** Learners whose promotion was proposed and not yet applied, with when it was proposed. */
  private final Map<Long, Long> promoting = new HashMap<>();

  LearnerPromotion(Membership membership, ProposalQueue proposals, long retryNanos) {
    this.membership = membership;
    this.proposals = proposals;
    this.retryNanos = retryNanos;
  }

  /** Called on the leader once a tick with its followers' progress. */
  void promoteCaughtUp(RaftStatus status, long now) {
    promoting.values().removeIf(proposedAt -> now - proposedAt > retryNanos);
    if (!promoting.isEmpty() || status.role() != StateRole.LEADER) {
      return; // a follower would forward it, to be appended whenever, whatever happened meanwhile
    }
    for (Map.Entry<Long, FollowerProgress> e : status.progress().entrySet()) {
      FollowerProgress p = e.getValue();
      if (!p.learner() || !p.recentActive() || p.match() == 0 || p.match() < status.commit() * 9 / 10) {
        continue;
      }
      Optional<Member> member = membership.find(e.getKey());
      if (member.isEmpty()) {
        continue; // its record is not applied here yet
      }
      byte[] context = MemberJson.confChangeContext(e.getKey(), member.get().name(),
          member.get().peerUrls().stream().map(URI::create).toList());
      boolean proposed = proposals.proposeConfChangeNow(new RaftRequest.ConfChangeProposal(
          new ConfChange(ConfChange.ConfChangeType.ADD_NODE, e.getKey(), context), new CompletableFuture<>(),
          now + retryNanos));
      if (proposed) {
        LOG.info("promoting learner {}: caught up at {} of {}", ClusterIdentity.hex(e.getKey()), p.match(),
            status.commit());
        promoting.put(e.getKey(), now);
      }
      return;
    }
  }

  /** The promotion of {@code memberId} (or its addition as a voter) was applied. */
  void applied(long memberId) { promoting.remove(memberId); }
}
