package io.etcdj.raft.transport;

import io.etcdj.raft.Message;
import io.etcdj.raft.MessageType;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** A RaftInbound that records what the transport hands it, from whichever thread. */
final class RecordingInbound implements RaftInbound {
  record SnapshotReport(long memberId, boolean failed) { }

  private final ConcurrentLinkedQueue<Message> received = new ConcurrentLinkedQueue<>();
  private final ConcurrentHashMap<Long, AtomicInteger> unreachable = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, AtomicInteger> disconnected = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<SnapshotReport> snapshots = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Long> removedBy = new ConcurrentLinkedQueue<>();

  @Override public void receive(Message message) { received.add(message); }

  @Override public void reportUnreachable(long memberId) {
    unreachable.computeIfAbsent(memberId, k -> new AtomicInteger()).incrementAndGet();
  }

  @Override public void reportSnapshot(long memberId, boolean failed) {
    snapshots.add(new SnapshotReport(memberId, failed));
  }

  @Override public void peerDisconnected(long memberId) {
    disconnected.computeIfAbsent(memberId, k -> new AtomicInteger()).incrementAndGet();
  }

  @Override public void removedFromCluster(long memberId) { removedBy.add(memberId); }

  @Override public void unknownPeer(long memberId, List<java.net.URI> peerUrls) {
    introduced.add(new Introduction(memberId, List.copyOf(peerUrls)));
  }

  record Introduction(long memberId, List<java.net.URI> peerUrls) {}

  private final List<Introduction> introduced = new java.util.concurrent.CopyOnWriteArrayList<>();

  List<Introduction> introduced() { return List.copyOf(introduced); }

  List<Message> received() { return List.copyOf(received); }

  List<Message> received(long from, MessageType type) {
    return received.stream().filter(m -> m.from() == from && m.type() == type).toList();
  }

  int unreachable(long memberId) {
    AtomicInteger n = unreachable.get(memberId);
    return n == null ? 0 : n.get();
  }

  int disconnected(long memberId) {
    AtomicInteger n = disconnected.get(memberId);
    return n == null ? 0 : n.get();
  }

  List<SnapshotReport> snapshotReports() { return List.copyOf(snapshots); }

  /** The members that refused this one as removed from the cluster, once per refusal. */
  List<Long> removedBy() { return List.copyOf(removedBy); }
}
