package io.etcdj.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcdj.kvstore.NodeView;
import io.etcdj.kvstore.StoreReader;
import io.etcdj.kvstore.StoreResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cluster's members as the store holds them (etcd keeps the v2 membership under
 * {@code /0/members/<id>/{raftAttributes,attributes}} and removed ids under
 * {@code /0/removed_members}), read on demand. Every member applies the same conf changes to the
 * same records, so every member answers the same. Safe from any thread (store reads).
 */
final class Membership {
  private final StoreReader store;

  Membership(StoreReader store) { this.store = store; }

  /** All members, sorted by id as etcd's MembersByID (unsigned). */
  List<Member> list() {
    List<Member> members = new ArrayList<>();
    StoreResult result = store.get("/0/members", true, true, 0);
    if (result instanceof StoreResult.Ok ok && ok.event().node().nodes() != null) {
      for (NodeView dir : ok.event().node().nodes()) {
        Long id = parseId(lastSegment(dir.key()));
        if (id != null && dir.nodes() != null) {
          members.add(member(id, dir.nodes()));
        }
      }
    }
    members.sort((a, b) -> Long.compareUnsigned(a.id(), b.id()));
    return members;
  }

  Optional<Member> find(long id) {
    return list().stream().filter(m -> m.id() == id).findFirst();
  }

  /** Every member ever removed from this cluster ({@code /0/removed_members}). */
  List<Long> removedIds() {
    List<Long> ids = new ArrayList<>();
    StoreResult result = store.get("/0/removed_members", false, false, 0);
    if (result instanceof StoreResult.Ok ok && ok.event().node().nodes() != null) {
      for (NodeView leaf : ok.event().node().nodes()) {
        Long id = parseId(lastSegment(leaf.key()));
        if (id != null) {
          ids.add(id);
        }
      }
    }
    return ids;
  }

  /** Whether {@code id} was removed from this cluster (it may never come back under that id). */
  boolean isRemoved(long id) {
    return store.get("/0/removed_members/" + ClusterIdentity.hex(id), false, false, 0) instanceof StoreResult.Ok;
  }

  private static Member member(long id, List<NodeView> leaves) {
    List<String> peers = List.of();
    boolean learner = false;
    String name = "";
    List<String> clients = new ArrayList<>();
    for (NodeView leaf : leaves) {
      if (leaf.value() == null) {
        continue;
      }
      try {
        if (leaf.key().endsWith("/raftAttributes")) {
          JsonNode raft = MemberJson.MAPPER.readTree(leaf.value());
          List<String> urls = new ArrayList<>();
          raft.path("peerURLs").forEach(u -> urls.add(u.asText()));
          peers = urls;
          learner = raft.path("isLearner").asBoolean(false);
        } else if (leaf.key().endsWith("/attributes")) {
          JsonNode attributes = MemberJson.MAPPER.readTree(leaf.value());
          name = attributes.path("name").asText("");
          attributes.path("clientURLs").forEach(u -> clients.add(u.asText()));
        }
      } catch (IOException e) {
        // a malformed record shows as a member without those attributes
      }
    }
    return new Member(id, name, peers, clients, learner);
  }

  private static String lastSegment(String key) { return key.substring(key.lastIndexOf('/') + 1); }

  /** etcd's types.IDFromString: unsigned hex; null when it is not one. */
  static Long parseId(String text) {
    try {
      return Long.parseUnsignedLong(text, 16);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
