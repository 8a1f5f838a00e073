package io.etcdj.server;

import io.etcdj.raft.ConfChange;
import io.etcdj.raft.ConfState;
import io.etcdj.raft.transport.Transport;
import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which peers the transport talks to, kept equal to the configuration: conf changes as they are
 * applied, and the member list (for the URLs) after a snapshot replaced the store. Owned by the
 * thread driving the {@link RaftDriver}.
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

  /**
   * After a snapshot replaced the store: {@code members} (as the snapshot holds them) give the
   * URLs, the configuration the Raft loop applied since ({@code confState}) says who is in. The
   * apply thread restores a snapshot after the Raft loop went on to the entries after it, so the
   * list may be older than the configuration: a member added after the snapshot keeps its URLs
   * from its conf change, and one removed after it is not brought back.
   */
  void sync(List<Member> members, ConfState confState) {
    Set<Long> configured = new HashSet<>(confState.voters());
    configured.addAll(confState.learners());
    for (Member m : members) {
      if (configured.contains(m.id())) {
        add(m.id(), m.peerUrls().stream().map(URI::create).toList());
      }
    }
    for (Long id : Set.copyOf(peers.keySet())) {
      if (!configured.contains(id)) {
        remove(id);
      }
    }
  }

  Set<Long> ids() { return Set.copyOf(peers.keySet()); }
}
