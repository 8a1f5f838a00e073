package io.etcdj.server;

import io.etcdj.raft.ConfChange;
import io.etcdj.raft.transport.Transport;
import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which peers the transport talks to, kept equal to the configuration: conf changes as they are
 * applied, and the whole member list after a snapshot replaced the store. Owned by the thread
 * driving the {@link RaftDriver}.
 */
final class PeerRoster {
  private final long selfId;
  private final Transport transport;
  private final Map<Long, List<URI>> peers = new HashMap<>();

  PeerRoster(long selfId, Transport transport) {
    this.selfId = selfId;
    this.transport = transport;
  }

  void add(long id, List<URI> urls) {
    if (id == selfId || urls.isEmpty()) {
      return;
    }
    List<URI> known = peers.put(id, urls);
    if (known == null) {
      transport.addPeer(id, urls);
    } else if (!known.equals(urls)) {
      transport.updatePeer(id, urls);
    }
  }

  void remove(long id) {
    if (peers.remove(id) != null) {
      transport.removePeer(id);
    }
  }

  void apply(ConfChange change) {
    switch (change.type()) {
      case ADD_NODE, ADD_LEARNER_NODE, UPDATE_NODE -> {
        if (change.context().length > 0) {
          add(change.nodeId(), MemberJson.peerUrls(change.context()).stream().map(URI::create).toList());
        }
      }
      case REMOVE_NODE -> remove(change.nodeId());
    }
  }

  void sync(List<Member> members) {
    Set<Long> present = new HashSet<>();
    for (Member m : members) {
      present.add(m.id());
      add(m.id(), m.peerUrls().stream().map(URI::create).toList());
    }
    for (Long id : Set.copyOf(peers.keySet())) {
      if (!present.contains(id)) {
        remove(id);
      }
    }
  }

  Set<Long> ids() { return Set.copyOf(peers.keySet()); }
}
