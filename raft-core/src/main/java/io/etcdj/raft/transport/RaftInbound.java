package io.etcdj.raft.transport;

import io.etcdj.raft.Message;

/**
 * Where a {@link Transport} hands what it learns from the network. Called on transport threads:
 * implementations only enqueue for the Raft thread and never block. {@link #reportUnreachable}
 * and {@link #reportSnapshot} may also be called on the Raft thread itself, from inside
 * {@link Transport#send} (a message dropped at once): an implementation whose queue the Raft
 * thread drains must not wait for room in it.
 */
public interface RaftInbound {
  /** A message from a peer, already checked to belong to this cluster and to be addressed here. */
  void receive(Message message);

  /** Messages to {@code memberId} were dropped (queue full, no connection): the leader should probe. */
  void reportUnreachable(long memberId);

  /** A MsgSnap to {@code memberId} was delivered ({@code failed} false) or could not be. */
  void reportSnapshot(long memberId, boolean failed);

  /**
   * The connection on which {@code memberId} was sending to us was closed by its side (its
   * process died, its host reset the connection), as opposed to closed by this member. A follower
   * whose leader this is may start a pre-vote at once instead of waiting an election timeout.
   */
  void peerDisconnected(long memberId);

  /**
   * {@code memberId} refused our connection because it removed this member from the cluster. A
   * member removed while it was down never applies its own removal; this is how it learns of
   * it, and it must stop (etcd's member exits when a peer answers it 410 Gone).
   */
  default void removedFromCluster(long memberId) { }

  /**
   * A member that is not a peer of this one dialed it, saying it can be reached at
   * {@code peerUrls}: most likely one added by a conf change this member has not applied yet
   * (a restarted member behind the leader). The runtime may add it as a peer so it can answer.
   */
  default void unknownPeer(long memberId, java.util.List<java.net.URI> peerUrls) { }
}
