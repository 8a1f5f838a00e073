package io.etcdj.server;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The one interface the HTTP layer sees of a running member (etcd's etcdserver.ServerV2): the
 * keys API's needs, plus membership, health and the numbers behind /v2/stats and /metrics.
 * Nothing here hands out the Raft loop or a writable store. Safe from any thread.
 */
public interface ServerV2 extends KeysBackend {
  long memberId();

  long clusterId();

  /** This member's Raft and apply state as last published by its Raft loop. */
  MemberStatus status();

  /** The cluster's members, sorted by id. */
  List<Member> members();

  /** The member this member believes leads, if any. */
  Optional<Member> leader();

  /**
   * Completes once an entry appended now has been applied here (etcd's QGET, as /health uses
   * it); fails after {@code timeout}.
   */
  CompletableFuture<Void> logBarrier(Duration timeout);

  /** What /v2/stats/self shows (etcd's ServerStats, with its notion of state). */
  SelfStats selfStats();

  /** Adds a member with these peer URLs (as a learner, promoted once caught up); completes when applied. */
  CompletableFuture<Member> addMember(List<URI> peerUrls);

  CompletableFuture<Void> removeMember(long memberId);

  CompletableFuture<Void> updateMember(long memberId, List<URI> peerUrls);

  /** Every other member, with what this member measured of it, while it leads; empty otherwise. */
  List<FollowerStatus> followers();

  ServerMetrics metrics();
}
