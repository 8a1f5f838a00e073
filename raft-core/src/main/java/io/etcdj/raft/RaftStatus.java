package io.etcdj.raft;

/** A read-only copy of the node's state, for stats and headers. */
public record RaftStatus(long id, long term, long vote, long commit, long applied, long leaderId,
                         StateRole role) {}
