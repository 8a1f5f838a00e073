package io.etcdj.server;

import io.etcdj.raft.Message;
import io.etcdj.raft.transport.RaftInbound;
import io.etcdj.raft.transport.Transport;
import java.net.URI;
import java.util.List;

/**
 * The transport of a member that has no peer listener: every message is dropped and its peer
 * reported unreachable. Enough for a cluster of one, whose Raft sends nothing.
 */
final class NoTransport implements Transport {
  private final RaftInbound inbound;

  NoTransport(RaftInbound inbound) { this.inbound = inbound; }

  @Override public void send(List<Message> messages) {
    for (Message m : messages) {
      inbound.reportUnreachable(m.to());
    }
  }

  @Override public void addPeer(long memberId, List<URI> peerUrls) { }
  @Override public void updatePeer(long memberId, List<URI> peerUrls) { }
  @Override public void removePeer(long memberId) { }
  @Override public void close() { }
}
