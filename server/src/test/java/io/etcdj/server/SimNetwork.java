package io.etcdj.server;

import io.etcdj.raft.Message;
import io.etcdj.raft.MessageType;
import io.etcdj.raft.transport.RaftInbound;
import io.etcdj.raft.transport.Transport;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The network between simulated members, from one seed: each message is delayed, possibly lost
 * or duplicated, and may overtake others; links can be cut one way or both. A member's crash
 * closes its connections, which the others notice at once (as the OS tells a peer whose process
 * died). Each member gets a {@link Transport} endpoint that the production Raft driver sends
 * through. Owned by the simulation thread.
 */
final class SimNetwork {
  private record InFlight(long deliverAtNanos, long seq, long from, Message message) {}

  private final SplittableRandom random;
  private final PriorityQueue<InFlight> inFlight = new PriorityQueue<>((a, b) ->
      a.deliverAtNanos != b.deliverAtNanos ? Long.compare(a.deliverAtNanos, b.deliverAtNanos) : Long.compare(a.seq, b.seq));
  private final Map<Long, RaftInbound> inbounds = new HashMap<>();
  private final Set<Long> up = new HashSet<>();
  /** Directed links that drop everything: from * 2^32 + to, as a pair key. */
  private final Set<List<Long>> cut = new HashSet<>();
  private long seq;
  private long nowNanos;
  private int lossPercent;
  private int duplicatePercent;
  private long minDelayNanos = 200_000;
  private long maxDelayNanos = 3_000_000;
  private long delivered;
  private long dropped;

  SimNetwork(SplittableRandom random) { this.random = random; }

  /** The endpoint of member {@code id}, delivering what arrives for it to {@code inbound}. */
  Transport attach(long id, RaftInbound inbound) {
    inbounds.put(id, inbound);
    up.add(id);
    return new Endpoint(id);
  }

  /** The member's process died: what is on its way to it is lost and its peers see it go. */
  void crashed(long id) {
    up.remove(id);
    inbounds.remove(id);
    for (long other : up) {
      inbounds.get(other).peerDisconnected(id);
    }
  }

  void setLossPercent(int percent) { lossPercent = percent; }

  void setDuplicatePercent(int percent) { duplicatePercent = percent; }

  void setDelay(long minNanos, long maxNanos) {
    minDelayNanos = minNanos;
    maxDelayNanos = maxNanos;
  }

  void cut(long from, long to) { cut.add(List.of(from, to)); }

  /** Cuts every link between the two groups, both ways. */
  void partition(Set<Long> side, Set<Long> others) {
    for (long a : side) {
      for (long b : others) {
        cut(a, b);
        cut(b, a);
      }
    }
  }

  void heal() {
    cut.clear();
    lossPercent = 0;
    duplicatePercent = 0;
  }

  boolean linked(long from, long to) { return !cut.contains(List.of(from, to)); }

  long delivered() { return delivered; }

  long dropped() { return dropped; }

  /** Delivers everything due by {@code now}, in delivery-time order. */
  void deliverUntil(long now) {
    nowNanos = now;
    while (!inFlight.isEmpty() && inFlight.peek().deliverAtNanos <= now) {
      InFlight f = inFlight.poll();
      Message m = f.message;
      RaftInbound to = inbounds.get(m.to());
      boolean arrives = to != null && up.contains(m.to()) && linked(f.from, m.to());
      if (arrives) {
        delivered++;
        to.receive(m);
      } else {
        dropped++;
      }
      if (m.type() == MessageType.SNAP) {
        RaftInbound sender = inbounds.get(f.from);
        if (sender != null) {
          sender.reportSnapshot(m.to(), !arrives);
        }
      }
    }
  }

  private void send(long from, Message m) {
    if (lossPercent > 0 && random.nextInt(100) < lossPercent && m.type() != MessageType.SNAP) {
      dropped++;
      return;
    }
    int copies = duplicatePercent > 0 && random.nextInt(100) < duplicatePercent && m.type() != MessageType.SNAP ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      long delay = minDelayNanos + (long) (random.nextDouble() * (maxDelayNanos - minDelayNanos));
      inFlight.add(new InFlight(nowNanos + delay, seq++, from, m));
    }
  }

  private final class Endpoint implements Transport {
    private final long id;
    private final Set<Long> peers = new HashSet<>();
    private boolean closed;

    Endpoint(long id) { this.id = id; }

    @Override public void send(List<Message> messages) {
      if (closed) {
        return;
      }
      List<Long> unreachable = new ArrayList<>();
      for (Message m : messages) {
        if (!peers.contains(m.to())) {
          unreachable.add(m.to());
          if (m.type() == MessageType.SNAP) {
            inbounds.get(id).reportSnapshot(m.to(), true);
          }
          continue;
        }
        SimNetwork.this.send(id, m);
      }
      RaftInbound self = inbounds.get(id);
      if (self != null) {
        unreachable.forEach(self::reportUnreachable);
      }
    }

    @Override public void addPeer(long memberId, List<URI> peerUrls) { peers.add(memberId); }
    @Override public void updatePeer(long memberId, List<URI> peerUrls) { peers.add(memberId); }
    @Override public void removePeer(long memberId) { peers.remove(memberId); }
    @Override public void close() { closed = true; }
  }
}
