package io.etcdj.server;

import io.etcdj.kvstore.StoreResult;
import io.etcdj.raft.ConfChange;
import io.etcdj.raft.Message;
import io.etcdj.raft.Snapshot;
import java.util.concurrent.CompletableFuture;

/** What other threads hand to the Raft loop through its {@link RaftInbox}. */
sealed interface RaftRequest {
  /** A command to append; {@code future} (null when nobody waits) completes when it is applied. */
  record Proposal(long requestId, byte[] data, CompletableFuture<StoreResult> future, long deadlineNanos)
      implements RaftRequest {}

  /** A membership change; {@code future} completes when the change is applied here. */
  record ConfChangeProposal(ConfChange change, CompletableFuture<Void> future, long deadlineNanos)
      implements RaftRequest {}

  /** A linearizable-read barrier (ReadIndex). */
  record ReadBarrier(CompletableFuture<Void> future, long deadlineNanos) implements RaftRequest {}

  /** Compact the log up to {@code snapshot} (sent by the snapshot thread: only the Raft loop writes the log). */
  record Compact(Snapshot snapshot) implements RaftRequest {}

  /** Hand leadership to the most caught-up voter (a graceful stop); completes when done or abandoned. */
  record TransferLeadership(CompletableFuture<Void> future, long deadlineNanos) implements RaftRequest {}

  /** The members as the store holds them now (after a snapshot was restored): the transport follows. */
  record SyncPeers(java.util.List<Member> members) implements RaftRequest {}

  /** A peer refused this member as removed from the cluster: it stops (see RaftInbound#removedFromCluster). */
  record RemovedByPeer(long memberId) implements RaftRequest {}

  /** What the peer transport reports; these go through the bounded peer queue of the inbox. */
  sealed interface FromPeers extends RaftRequest {}

  record PeerMessage(Message message) implements FromPeers {}

  record PeerUnreachable(long memberId) implements FromPeers {}

  record SnapshotStatus(long memberId, boolean failed) implements FromPeers {}

  record PeerDisconnected(long memberId) implements FromPeers {}

  /** A member this one does not talk to yet dialed it, reachable at {@code peerUrls}. */
  record PeerIntroduced(long memberId, java.util.List<java.net.URI> peerUrls) implements FromPeers {}
}
