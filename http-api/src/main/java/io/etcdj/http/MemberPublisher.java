package io.etcdj.http;

import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreResult;
import io.etcdj.raft.ConfChange;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the membership records in the store as etcd 3.4 does, so that store indexes match etcd's:
 * a member added by a conf change gets {@code /0/members/<id>/raftAttributes}; once a leader is
 * known this member publishes {@code /0/members/<id>/attributes} (on every start, as etcd's
 * publish) and, when the store has none yet, the cluster version {@code /0/version}, both through
 * the log. Called on the apply thread, which owns {@code proposed}.
 */
final class MemberPublisher {
  static final String CLUSTER_VERSION = "3.4.0";
  private static final Logger LOG = LoggerFactory.getLogger(MemberPublisher.class);

  private final long memberId;
  private final String name;
  private final List<URI> clientUrls;
  private final long timeoutNanos;
  private final CompletableFuture<Void> published = new CompletableFuture<>();
  private boolean proposed;

  MemberPublisher(long memberId, String name, List<URI> clientUrls, long timeoutNanos) {
    this.memberId = memberId;
    this.name = name;
    this.clientUrls = clientUrls; // filled before the loop thread starts
    this.timeoutNanos = timeoutNanos;
  }

  /** Completes once this member's attributes (and the cluster version) are applied. */
  CompletableFuture<Void> published() { return published; }

  static String memberDir(long id) { return "/0/members/" + ClusterIdentity.hex(id); }

  void onLeaderKnown(RaftLoop loop, Store store) {
    if (proposed) {
      return;
    }
    proposed = true;
    long now = System.currentTimeMillis();
    CompletableFuture<StoreResult> attributes = loop.propose(set(memberDir(memberId) + "/attributes",
        MemberJson.attributes(name, clientUrls), now), timeoutNanos);
    CompletableFuture<?> all = attributes;
    if (store.get("/0/version", false, false, now) instanceof StoreResult.Err) {
      all = CompletableFuture.allOf(attributes, loop.propose(set("/0/version", CLUSTER_VERSION, now), timeoutNanos));
    }
    all.whenComplete((ok, error) -> {
      if (error != null) {
        LOG.warn("publishing member attributes failed: {}", error.toString());
        published.completeExceptionally(error);
      } else {
        LOG.info("published {{name: {}, clientURLs: {}}} to cluster", name, clientUrls);
        published.complete(null);
      }
    });
  }

  /** Applies a committed conf change to the membership records, deterministically (no clock). */
  void applyMembership(ConfChange change, Store store) {
    String dir = memberDir(change.nodeId());
    switch (change.type()) {
      case ADD_NODE, UPDATE_NODE -> {
        String value = MemberJson.raftAttributes(MemberJson.peerUrls(change.context()));
        StoreCommand.PrevExist prevExist = change.type() == ConfChange.ConfChangeType.ADD_NODE
            ? StoreCommand.PrevExist.FALSE : StoreCommand.PrevExist.UNSET;
        store.apply(new StoreCommand.Put(dir + "/raftAttributes", value, false, 0, false, prevExist, "", 0, 0));
      }
      case REMOVE_NODE -> {
        store.apply(new StoreCommand.Delete(dir, true, true, "", 0, 0));
        store.apply(set("/0/removed_members/" + ClusterIdentity.hex(change.nodeId()), "removed", 0));
      }
    }
  }

  private static StoreCommand.Put set(String path, String value, long nowMs) {
    return new StoreCommand.Put(path, value, false, 0, false, StoreCommand.PrevExist.UNSET, "", 0, nowMs);
  }

  static long defaultTimeoutNanos(int electionTimeoutMs) {
    // etcd's ReqTimeout: 5 s plus two election timeouts.
    return TimeUnit.MILLISECONDS.toNanos(5000L + 2L * electionTimeoutMs);
  }
}
