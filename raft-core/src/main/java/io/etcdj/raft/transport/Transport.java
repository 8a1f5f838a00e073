package io.etcdj.raft.transport;

import io.etcdj.raft.Message;
import java.net.URI;
import java.util.List;

/**
 * Moves Raft messages between the members of one cluster (etcd's rafthttp.Transporter). The
 * member runtime drives it from its Raft thread; no method may block that thread on the network.
 * Implemented over Netty by {@link PeerTransport} and by a simulated network in tests, so the
 * runtime is the same code in both.
 *
 * <p>Delivery is best effort, as Raft expects: a message may be lost, delayed or reordered
 * across peers (never reordered within one peer's stream). {@link PeerTransport}'s streams are
 * its lanes: the messages to one peer other than MsgApp and MsgSnap keep their order among
 * themselves, as do its MsgApps, but a heartbeat may overtake a MsgApp sent before it (as with
 * etcd's two streams), and a MsgSnap travels on a connection of its own. What arrives is handed
 * to the {@link RaftInbound} given when the transport was made.
 */
public interface Transport extends AutoCloseable {
  /**
   * Queues each message for its peer ({@code message.to()}) and returns at once. A message for a
   * peer that is unknown, or whose bounded queue is full, is dropped and the peer is reported
   * through {@link RaftInbound#reportUnreachable}. A MsgSnap's outcome is reported through
   * {@link RaftInbound#reportSnapshot} once it was delivered or failed.
   */
  void send(List<Message> messages);

  /** What this transport has seen of one peer (counts, round trip), when it keeps such figures. */
  default java.util.Optional<PeerStats> linkStats(long memberId) { return java.util.Optional.empty(); }

  /** Starts talking to a member at its peer URLs (idempotent for a known member). */
  void addPeer(long memberId, List<URI> peerUrls);

  /** Points an existing peer at new URLs; its connection is re-established to them. */
  void updatePeer(long memberId, List<URI> peerUrls);

  /** Stops talking to a member: its queue is dropped and its connections are closed. */
  void removePeer(long memberId);

  /** Closes every connection and the listener; pending messages are dropped. */
  @Override void close();
}
