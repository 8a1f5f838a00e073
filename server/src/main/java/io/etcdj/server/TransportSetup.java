package io.etcdj.server;

import io.etcdj.raft.transport.RaftInbound;
import io.etcdj.raft.transport.RoundTripListener;
import java.util.function.Supplier;

/**
 * What a member hands whoever makes its peer transport: where received messages go, whom to tell
 * of measured round trips, what to answer a joining member that asks about the cluster, and the
 * ids the transport's handshake carries.
 */
record TransportSetup(long memberId, long clusterId, RaftInbound inbound, RoundTripListener roundTrips,
                      Supplier<byte[]> clusterInfo) {}
