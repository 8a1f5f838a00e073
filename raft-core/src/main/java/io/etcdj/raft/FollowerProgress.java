package io.etcdj.raft;

/**
 * What a leader knows of one other member, as {@link RaftStatus#progress()} reports it (etcd's
 * tracker.Progress in raft.Status): for /v2/stats/leader, and for choosing the most caught-up
 * voter to hand leadership to.
 *
 * @param match highest index known to be in the member's log
 * @param next next index the leader will send it
 * @param state "probe" (finding where the logs match), "replicate" (streaming appends) or
 *     "snapshot" (a snapshot is on its way)
 * @param recentActive heard from since the last check-quorum round
 * @param learner a learner: replicated to, but no vote and no part of any quorum
 * @param inflight appends sent and not yet acknowledged
 */
public record FollowerProgress(long match, long next, String state, boolean recentActive,
                               boolean learner, int inflight) {}
