package io.etcdj.raft.transport;

/**
 * What every part of one transport shares: its configuration, where it reports, and its single
 * (stateless) frame encoder. Immutable.
 */
record TransportContext(PeerTransportConfig config, RaftInbound inbound,
                        UnreachableReporter unreachable, TransportHooks hooks,
                        FrameEncoder encoder) {

  long memberId() { return config.memberId(); }
}
