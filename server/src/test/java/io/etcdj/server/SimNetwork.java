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
 * The network between simulated members, from one seed: each message is delayed (so messages
 * overtake each other), possibly lost or duplicated; links can be cut one way or both. A member's
 * crash closes its connections, which the others notice at once (as the OS tells a peer whose
 * process died). Each member gets a {@link Transport} endpoint that the production Raft driver
 * sends through; a send can kill the sender's process part way (its {@link KillSwitch}). A
 * {@link Tap} sees every message sent and delivered, for the invariant checks. Owned by the
 * simulation thread.
 */
final class SimNetwork {
  /** Sees the traffic: what each member sends, and what reaches its destination. */
  interface Tap {
    void sent(Message m);

    void delivered(Message m);

    Tap NONE = new Tap() {
      @Override public void sent(Message m) { }
      @Override public void delivered(Message m) { }
    };
  }

  /** A message's delay on a healthy network: a fraction of a step, up to most of one. */
  static final long DELAY_MIN_NANOS = 200_000;
  static final long DELAY_MAX_NANOS = 3_000_000;

  private record InFlight(long deliverAtNanos, long seq, long from, Message message) {}

  private record Link(long from, long to) {}

  private final SplittableRandom random;
  private final Tap tap;
  private final PriorityQueue<InFlight> inFlight = new PriorityQueue<>(
      (a, b) -> a.deliverAtNanos != b.deliverAtNanos ? Long.compare(a.deliverAtNanos, b.deliverAtNanos)
          : Long.compare(a.seq, b.seq));
  private final Map<Long, RaftInbound> inbounds = new HashMap<>();
  private final Set<Long> up = new HashSet<>();
  /** Directed links that drop everything, with how many faults cut each (they mend one by one). */
  private final Map<Link, Integer> cut = new HashMap<>();
  private long seq;
  private long nowNanos;
  private int lossPercent;
  private int duplicatePercent;
  private long minDelayNanos = DELAY_MIN_NANOS;
  private long maxDelayNanos = DELAY_MAX_NANOS;
  private long delivered;
  private long dropped;
  private final java.util.Map<Long, Endpoint> endpoints = new java.util.HashMap<>();

  SimNetwork(SplittableRandom random, Tap tap) {
    this.random = random;
    this.tap = tap;
  }

  SimNetwork(SplittableRandom random) { this(random, Tap.NONE); }

  /** The endpoint of member {@code id}, delivering what arrives for it to {@code inbound}. */
  Transport attach(long id, RaftInbound inbound, KillSwitch kill) {
    inbounds.put(id, inbound);
    up.add(id);
    Endpoint endpoint = new Endpoint(id, kill);
    endpoints.put(id, endpoint);
    return endpoint;
  }

  Transport attach(long id, RaftInbound inbound) { return attach(id, inbound, new KillSwitch()); }

  /** The member's process died (or stopped): its peers see its connections close. */
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
    maxDelayNanos = Math.max(minNanos, maxNanos);
  }

  /** Drops everything {@code from} sends to {@code to} (the other direction is untouched). */
  void cut(long from, long to) { cut.merge(new Link(from, to), 1, Integer::sum); }

  /** Undoes one {@link #cut} of that link; it works again once every fault that cut it is undone. */
  void mend(long from, long to) {
    cut.computeIfPresent(new Link(from, to), (link, n) -> n == 1 ? null : n - 1);
  }

  /** Cuts every link between the two groups, both ways. */
  void partition(Set<Long> side, Set<Long> others) {
    for (long a : side) {
      for (long b : others) {
        cut(a, b);
        cut(b, a);
      }
    }
  }

  /** Undoes one {@link #partition} of the same groups. */
  void mendPartition(Set<Long> side, Set<Long> others) {
    for (long a : side) {
      for (long b : others) {
        mend(a, b);
        mend(b, a);
      }
    }
  }

  /** Every cut mended, no more loss or duplication, delays back to normal. */
  void heal() {
    cut.clear();
    lossPercent = 0;
    duplicatePercent = 0;
    minDelayNanos = DELAY_MIN_NANOS;
    maxDelayNanos = DELAY_MAX_NANOS;
  }

  boolean linked(long from, long to) { return cut.isEmpty() || !cut.containsKey(new Link(from, to)); }

  long delivered() { return delivered; }

  long dropped() { return dropped; }

  /** When the next message is due, or Long.MAX_VALUE when nothing is on its way. */
  long nextDeliveryNanos() { return inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.peek().deliverAtNanos; }

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
        tap.delivered(m);
        Endpoint receiver = endpoints.get(m.to());
        if (receiver != null && !receiver.peers.contains(f.from)) {
          // As PeerTransport's Hello does: a receiver that does not know the sender (it missed
          // the conf change adding it) learns where it can answer.
          to.unknownPeer(f.from, List.of(URI.create("http://sim-" + Long.toHexString(f.from) + ":2380")));
        }
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
    tap.sent(m);
    if (lossPercent > 0 && random.nextInt(100) < lossPercent && m.type() != MessageType.SNAP) {
      dropped++;
      return;
    }
    int copies = duplicatePercent > 0 && duplicable(m) && random.nextInt(100) < duplicatePercent ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      long delay = minDelayNanos + (long) (random.nextDouble() * (maxDelayNanos - minDelayNanos));
      inFlight.add(new InFlight(nowNanos + delay, seq++, from, m));
    }
  }

  /**
   * Raft's own messages may come twice: the protocol must shrug that off. A forwarded proposal
   * may not: it is a client's request, which Raft appends again each time it arrives (etcd does
   * not dedupe proposals either), and the peer transport's TCP streams deliver each message at
   * most once (a message lost with its connection is dropped, never resent). Snapshots travel
   * once, on their own connection, and are reported delivered or failed.
   */
  private static boolean duplicable(Message m) {
    return m.type() != MessageType.PROP && m.type() != MessageType.SNAP;
  }

  private final class Endpoint implements Transport {
    private final long id;
    private final KillSwitch kill;
    private final Set<Long> peers = new HashSet<>();
    private boolean closed;

    Endpoint(long id, KillSwitch kill) {
      this.id = id;
      this.kill = kill;
    }

    @Override public void send(List<Message> messages) {
      if (closed) {
        return;
      }
      List<Long> unreachable = new ArrayList<>();
      for (Message m : messages) {
        kill.at(CrashPoint.SEND);
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
