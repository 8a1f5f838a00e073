package io.etcdj.raft;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/** Majority arithmetic (etcd's quorum.MajorityConfig): what a simple majority of voters agrees on. */
final class Quorum {
  enum VoteResult { PENDING, LOST, WON }

  private Quorum() {}

  static int majority(int voters) { return voters / 2 + 1; }

  /**
   * The highest index that a majority of voters has matched. With no voters there is nothing to
   * commit, so Long.MAX_VALUE keeps min() calls neutral, as etcd does.
   */
  static long committedIndex(Collection<Long> voters, Map<Long, Progress> progress) {
    int n = voters.size();
    if (n == 0) {
      return Long.MAX_VALUE;
    }
    long[] matched = new long[n];
    int i = 0;
    for (long id : voters) {
      Progress pr = progress.get(id);
      matched[i++] = pr == null ? 0 : pr.match;
    }
    Arrays.sort(matched);
    // Ascending: the element at n - majority is matched by at least a majority.
    return matched[n - majority(n)];
  }

  static VoteResult voteResult(Collection<Long> voters, Map<Long, Boolean> votes) {
    if (voters.isEmpty()) {
      return VoteResult.WON;
    }
    int granted = 0;
    int missing = 0;
    for (long id : voters) {
      Boolean v = votes.get(id);
      if (v == null) {
        missing++;
      } else if (v) {
        granted++;
      }
    }
    int q = majority(voters.size());
    if (granted >= q) {
      return VoteResult.WON;
    }
    if (granted + missing >= q) {
      return VoteResult.PENDING;
    }
    return VoteResult.LOST;
  }
}
