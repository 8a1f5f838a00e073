package io.etcdj.raft;

/**
 * @param id this node's id (non-zero)
 * @param electionTicks ticks without a leader's word before campaigning (randomised in [e, 2e))
 * @param heartbeatTicks ticks between a leader's heartbeats
 * @param applied the index the application has already applied (after a restart)
 * @param randomSeed seeds the election-timeout randomisation, so a simulation replays exactly
 */
public record RaftConfig(long id, int electionTicks, int heartbeatTicks, long maxSizePerMsgBytes,
                         int maxInflightMsgs, boolean checkQuorum, boolean preVote, long applied,
                         long randomSeed) {}
