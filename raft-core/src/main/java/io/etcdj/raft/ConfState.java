package io.etcdj.raft;

import java.util.List;

/**
 * The configuration in force at some log index: the voters, and the learners (members that
 * receive the log but neither vote nor count towards a quorum, etcd's non-voting members). A
 * member is in at most one of the two lists.
 */
public record ConfState(List<Long> voters, List<Long> learners) {
  public ConfState {
    voters = List.copyOf(voters);
    learners = List.copyOf(learners);
  }

  /** A configuration of voters only. */
  public ConfState(List<Long> voters) { this(voters, List.of()); }
}
