package io.etcdj.server;

import io.etcdj.raft.StateRole;
import java.time.Instant;

/**
 * A member's state for /v2/stats/self and /health: who it is, its role, whom it follows since
 * when, its Raft indexes and how many appends it sent and received.
 */
public record MemberStatus(long id, String name, StateRole role, long leaderId, Instant leaderSince,
                           Instant startTime, long term, long commitIndex, long appliedIndex,
                           long appendsSent, long appendsReceived) {}
