package io.etcdj.server;

import io.etcdj.raft.StateRole;
import java.time.Instant;

/**
 * What /v2/stats/self shows of this member (etcd's ServerStats), as of the moment it was asked.
 *
 * @param state {@code LEADER} or {@code FOLLOWER} only, and not the Raft role: etcd sets it to
 *     leader on every change of Raft state (a member that lost its leader included) and back to
 *     follower only when an append arrives
 * @param leaderId whom this member last followed or led; 0 before either happened
 * @param leaderSince when {@code leaderId} started (this member's start before)
 * @param leaderUptimeNanos time since {@code leaderSince}
 * @param recvPkgRate appends received per second recently; 0 when none in the last second,
 *     infinite when only one (etcd then fails to encode its answer)
 */
public record SelfStats(String name, long id, StateRole state, Instant startTime, long leaderId,
                        Instant leaderSince, long leaderUptimeNanos, long recvAppendRequestCnt,
                        double recvPkgRate, double recvBandwidthRate, long sendAppendRequestCnt,
                        double sendPkgRate, double sendBandwidthRate) {}
