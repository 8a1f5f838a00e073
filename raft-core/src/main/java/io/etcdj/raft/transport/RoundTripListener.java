package io.etcdj.raft.transport;

import java.time.Duration;

/**
 * Told each round trip measured to a peer by a ping on the control lane (about one per ping
 * interval per connected peer), so the runtime can feed etcd's
 * {@code etcd_network_peer_round_trip_time_seconds} without raft-core knowing any metrics
 * library. Called on a transport event loop: it must be quick and must not block.
 */
@FunctionalInterface
public interface RoundTripListener {
  RoundTripListener NONE = (memberId, roundTrip) -> { };

  void roundTrip(long memberId, Duration roundTrip);
}
