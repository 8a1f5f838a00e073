package io.etcdj.server;

import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreResult;
import io.etcdj.raft.ConfChange;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the membership records in the store as etcd 3.4 does, so that store indexes match etcd's:
 * a member added by a conf change gets {@code /0/members/<id>/raftAttributes}; once a leader is
 * known this member publishes {@code /0/members/<id>/attributes} (on every start, as etcd's
 * publish) and the leader, when the store has none yet, the cluster version {@code /0/version},
 * both through the log. A publish that fails (no leader yet, timed out) is tried again the next
 * time the Raft loop asks, so a member started before its peers keeps waiting for them.
 * {@link #publish} and {@link #applyMembership} run on the apply thread; {@link #due} on any.
 */
final class MemberPublisher {
  static final String CLUSTER_VERSION = "3.4.0";
  private static final Logger LOG = LoggerFactory.getLogger(MemberPublisher.class);

  private final long memberId;
  private final String name;
  private final List<URI> clientUrls;
  private final Clock clock;
  private final Function<StoreCommand, CompletableFuture<StoreResult>> propose;
  private final Store store;
  private final CompletableFuture<Void> published = new CompletableFuture<>();
  private volatile boolean inFlight;

  /** {@code propose} goes through the Raft loop's inbox like a client's write. */
  MemberPublisher(long memberId, String name, List<URI> clientUrls, Clock clock,
                  Function<StoreCommand, CompletableFuture<StoreResult>> propose, Store store) {
    this.memberId = memberId;
    this.name = name;
    this.clientUrls = clientUrls; // filled before the loop thread starts
    this.clock = clock;
    this.propose = propose;
    this.store = store;
  }

  /** Completes once this member's attributes are applied. */
  CompletableFuture<Void> published() { return published; }

  /** Whether the Raft loop should schedule {@link #publish}: not yet published and none in flight. */
  boolean due() { return !inFlight && !published.isDone(); }

  static String memberDir(long id) { return "/0/members/" + ClusterIdentity.hex(id); }

  /**
   * Proposes this member's attributes (and, on the leader, the cluster version if the store has
   * none). Runs after everything committed so far is applied, so the version check is current.
   */
  void publish(boolean leader) {
    if (!due()) {
      return;
    }
    inFlight = true;
    long now = clock.wallMillis();
    CompletableFuture<?> all = propose.apply(set(memberDir(memberId) + "/attributes",
        MemberJson.attributes(name, clientUrls), now));
    if (leader && store.get("/0/version", false, false, now) instanceof StoreResult.Err) {
      all = CompletableFuture.allOf(all, propose.apply(set("/0/version", CLUSTER_VERSION, now)));
    }
    all.whenComplete((ok, error) -> {
      if (error != null) {
        LOG.warn("publishing member attributes failed (will retry): {}", error.toString());
      } else {
        LOG.info("published {{name: {}, clientURLs: {}}} to cluster", name, clientUrls);
        published.complete(null);
      }
      inFlight = false;
    });
  }

  /** Applies a committed conf change to the membership records, deterministically (no clock). */
  void applyMembership(ConfChange change, Store store) {
    String dir = memberDir(change.nodeId());
    switch (change.type()) {
      case ADD_NODE, ADD_LEARNER_NODE, UPDATE_NODE -> {
        // A promotion (ADD_NODE of a learner) rewrites the record without the learner flag, as
        // etcd's PromoteMember does.
        boolean learner = change.type() == ConfChange.ConfChangeType.ADD_LEARNER_NODE;
        String value = MemberJson.raftAttributes(MemberJson.peerUrls(change.context()), learner);
        store.apply(set(dir + "/raftAttributes", value, 0));
      }
      case REMOVE_NODE -> {
        store.apply(new StoreCommand.Delete(dir, true, true, "", 0, 0));
        store.apply(set("/0/removed_members/" + ClusterIdentity.hex(change.nodeId()), "removed", 0));
      }
    }
  }

  /**
   * Whether {@code command} publishes the attributes of a member that is not in the cluster (any
   * more), which etcd's UpdateAttributes skips: a member's publish can commit after the member's
   * removal, and written it would bring the removed member's record back into the member list.
   * Deterministic: it reads only the store, which every replica holds alike at this entry.
   */
  static boolean publishesForNonMember(StoreCommand command, Store store) {
    if (!(command instanceof StoreCommand.Put put) || !put.path().startsWith("/0/members/")
        || !put.path().endsWith("/attributes")) {
      return false;
    }
    String dir = put.path().substring(0, put.path().length() - "/attributes".length());
    return store.get(dir + "/raftAttributes", false, false, 0) instanceof StoreResult.Err;
  }

  private static StoreCommand.Put set(String path, String value, long nowMs) {
    return new StoreCommand.Put(path, value, false, 0, false, StoreCommand.PrevExist.UNSET, "", 0, nowMs);
  }
}
