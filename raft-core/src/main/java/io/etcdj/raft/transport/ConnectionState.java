package io.etcdj.raft.transport;

/** The state of one outbound lane's connection to a peer, as {@link PeerStats} reports it. */
public enum ConnectionState {
  /** Dialing, waiting for the peer's answer to the handshake, or waiting to dial again. */
  CONNECTING,
  /** Handshake done: messages for this lane are being sent. */
  CONNECTED,
  /**
   * The peer refused the last handshake (another cluster, another member id, this member was
   * removed); dialing goes on at the slowest backoff in case the peer's view changes.
   */
  REJECTED,
  /** The peer was removed or the transport closed. */
  CLOSED
}
