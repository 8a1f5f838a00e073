package io.etcdj.server;

import io.etcdj.raft.Message;
import io.etcdj.raft.transport.RaftInbound;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Raft loop's inbox: local requests (proposals, reads, compactions) from any thread, and what
 * the peer transport receives. Peer traffic goes through a bounded queue: when the Raft loop
 * falls behind, messages are dropped rather than piling up in memory, which Raft tolerates (the
 * sender retries). Local requests are bounded by their callers' deadlines instead, since dropping
 * one would lose a client's write. Many producers, one consumer (the thread driving the
 * {@link RaftDriver}).
 */
final class RaftInbox implements RaftInbound {
  static final int PEER_CAPACITY = 8192;

  private final ConcurrentLinkedQueue<RaftRequest> local = new ConcurrentLinkedQueue<>();
  private final ArrayBlockingQueue<RaftRequest.FromPeers> peers;
  private final AtomicLong dropped = new AtomicLong();
  private volatile Runnable wakeup = () -> { };
  private volatile String closedMessage;

  RaftInbox(int peerCapacity) { this.peers = new ArrayBlockingQueue<>(peerCapacity); }

  /** Called whenever something arrives; the Raft loop sets it to unpark its thread. */
  void onArrival(Runnable wakeup) { this.wakeup = wakeup; }

  void submit(RaftRequest request) {
    local.offer(request);
    String closed = closedMessage;
    if (closed != null) {
      failAll(closed); // raced with the loop's end: nobody will drain it
      return;
    }
    wakeup.run();
  }

  private void fromPeers(RaftRequest.FromPeers request) {
    if (!peers.offer(request)) {
      dropped.incrementAndGet();
      return;
    }
    wakeup.run();
  }

  @Override public void receive(Message message) { fromPeers(new RaftRequest.PeerMessage(message)); }
  @Override public void reportUnreachable(long memberId) { fromPeers(new RaftRequest.PeerUnreachable(memberId)); }
  @Override public void reportSnapshot(long memberId, boolean failed) {
    // A snapshot's outcome must not be lost: the leader would wait for it forever.
    local.offer(new RaftRequest.SnapshotStatus(memberId, failed));
    wakeup.run();
  }
  @Override public void peerDisconnected(long memberId) { fromPeers(new RaftRequest.PeerDisconnected(memberId)); }
  @Override public void unknownPeer(long memberId, java.util.List<java.net.URI> peerUrls) {
    fromPeers(new RaftRequest.PeerIntroduced(memberId, peerUrls));
  }
  @Override public void removedFromCluster(long memberId) {
    local.offer(new RaftRequest.RemovedByPeer(memberId)); // never dropped: the member must stop
    wakeup.run();
  }

  /** The next request, local ones first, or null; the consumer thread only. */
  RaftRequest poll() {
    RaftRequest r = local.poll();
    return r != null ? r : peers.poll();
  }

  /**
   * Fails every local request still queued (the loop has stopped); later submissions fail at
   * once.
   */
  void failAll(String message) {
    closedMessage = message;
    ServerUnavailableException error = new ServerUnavailableException(message);
    for (RaftRequest r = local.poll(); r != null; r = local.poll()) {
      fail(r, error);
    }
    peers.clear();
  }

  private static void fail(RaftRequest r, ServerUnavailableException error) {
    if (r instanceof RaftRequest.Proposal p && p.future() != null) {
      p.future().completeExceptionally(error);
    } else if (r instanceof RaftRequest.ConfChangeProposal c) {
      c.future().completeExceptionally(error);
    } else if (r instanceof RaftRequest.ReadBarrier b) {
      b.future().completeExceptionally(error);
    } else if (r instanceof RaftRequest.TransferLeadership t) {
      t.future().complete(null);
    }
  }

  boolean isEmpty() { return local.isEmpty() && peers.isEmpty(); }

  /** Peer messages dropped because the queue was full. */
  long droppedFromPeers() { return dropped.get(); }
}
