package io.etcdj.raft.transport;

import java.time.Duration;
import java.util.Optional;

/**
 * What the transport has seen of one peer, as of the moment it was asked (etcd's peer stats and
 * its {@code etcd_network_peer_*} counters). Counters count from when the peer was added.
 *
 * @param control state of this member's control-lane connection to the peer
 * @param append state of this member's append-lane connection to the peer
 * @param inboundConnections connections the peer has open to this member (control and append
 *     lanes, and a snapshot being received)
 * @param messagesSent Raft messages written to the peer's connections (a MsgSnap counts once)
 * @param bytesSent bytes written to the peer, frames and handshakes included
 * @param messagesReceived Raft messages received from the peer and handed to Raft
 * @param bytesReceived bytes received from the peer
 * @param sendFailures messages to the peer that were dropped: queue full, no connection, a
 *     snapshot that failed, messages lost with a connection
 * @param roundTrip the last round trip measured on the control lane, if any yet
 */
public record PeerStats(long memberId, ConnectionState control, ConnectionState append,
                        int inboundConnections, long messagesSent, long bytesSent,
                        long messagesReceived, long bytesReceived, long sendFailures,
                        Optional<Duration> roundTrip) {

  /** What {@code stats(memberId)} answers for a member that is not a peer. */
  static PeerStats notAPeer(long memberId) {
    return new PeerStats(memberId, ConnectionState.CLOSED, ConnectionState.CLOSED, 0, 0, 0, 0, 0,
        0, Optional.empty());
  }

  /** Whether the peer is reachable for votes and heartbeats (etcd's "active"). */
  public boolean active() { return control == ConnectionState.CONNECTED; }
}
