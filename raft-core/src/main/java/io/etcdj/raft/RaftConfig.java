package io.etcdj.raft;

/**
 * @param id this node's id (non-zero)
 * @param electionTicks ticks without a leader's word before campaigning (randomised in [e, 2e))
 * @param heartbeatTicks ticks between a leader's heartbeats
 * @param applied the index the application has already applied (after a restart)
 * @param randomSeed seeds the election-timeout randomisation, so a simulation replays exactly
 * @param maxUncommittedEntriesBytes bound on the payload bytes of a leader's uncommitted tail
 *     (etcd's MaxUncommittedEntriesSize): past it, proposals are dropped, so a leader cut off
 *     from its followers cannot grow its log without end. 0 means no bound.
 */
public record RaftConfig(long id, int electionTicks, int heartbeatTicks, long maxSizePerMsgBytes,
                         int maxInflightMsgs, boolean checkQuorum, boolean preVote, long applied,
                         long randomSeed, long maxUncommittedEntriesBytes) {
  public RaftConfig {
    if (maxUncommittedEntriesBytes < 0) {
      throw new IllegalArgumentException("maxUncommittedEntriesBytes must be >= 0 (0: no bound)");
    }
  }

  /** A configuration without a bound on uncommitted entries. */
  public RaftConfig(long id, int electionTicks, int heartbeatTicks, long maxSizePerMsgBytes,
                    int maxInflightMsgs, boolean checkQuorum, boolean preVote, long applied,
                    long randomSeed) {
    this(id, electionTicks, heartbeatTicks, maxSizePerMsgBytes, maxInflightMsgs, checkQuorum,
        preVote, applied, randomSeed, 0);
  }
}
