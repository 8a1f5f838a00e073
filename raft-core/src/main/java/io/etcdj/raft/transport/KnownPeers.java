package io.etcdj.raft.transport;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who this member talks to, shared by both directions: the peers it sends to, the members it
 * removed (their Hellos are refused, as etcd answers a removed member 410 Gone), and the traffic
 * counters of every member it exchanged anything with. Written by the runtime's thread through
 * add/update/remove, read by the Raft thread and every event loop, hence concurrent maps.
 */
final class KnownPeers {
  private final ConcurrentHashMap<Long, RemotePeer> peers = new ConcurrentHashMap<>();
  private final Set<Long> removed = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<Long, PeerCounters> counters = new ConcurrentHashMap<>();

  RemotePeer peer(long id) { return peers.get(id); }

  Collection<RemotePeer> all() { return peers.values(); }

  /** Adds a peer unless one with its id exists; returns the one added, or null. */
  RemotePeer addIfAbsent(long id, java.util.function.Function<PeerCounters, RemotePeer> make) {
    removed.remove(id);
    PeerCounters c = countersFor(id);
    RemotePeer[] added = new RemotePeer[1];
    peers.computeIfAbsent(id, k -> added[0] = make.apply(c));
    return added[0];
  }

  RemotePeer remove(long id) {
    removed.add(id);
    counters.remove(id);
    return peers.remove(id);
  }

  boolean isPeer(long id) { return peers.containsKey(id); }

  boolean isRemoved(long id) { return removed.contains(id); }

  /** The counters of {@code id}, made on first use (a member not yet a peer may dial us). */
  PeerCounters countersFor(long id) {
    return counters.computeIfAbsent(id, k -> new PeerCounters());
  }
}
