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

  /**
   * etcd's strict reconfiguration check before a member is added ({@code --strict-reconfig-check}):
   * why it must be refused now, if it must.
   */
  Optional<MembershipException.Reason> mayAddMember();

  /** The same check before {@code memberId} is removed. */
  Optional<MembershipException.Reason> mayRemoveMember(long memberId);

  /**
   * Adds a member with these peer URLs (as a learner, promoted once caught up); completes when
   * applied. A refusal (an id or peer URL taken, the id removed before) fails it with a
   * {@link MembershipException} once an entry went through the log, as in etcd.
   */
  CompletableFuture<Member> addMember(List<URI> peerUrls);

  /** Removes a member; refusals (unknown or removed id) as for {@link #addMember}. */
  CompletableFuture<Void> removeMember(long memberId);

  /** Points a member at new peer URLs; refusals (unknown or removed id, a URL taken) as for {@link #addMember}. */
  CompletableFuture<Void> updateMember(long memberId, List<URI> peerUrls);

  /** Every other member, with what this member measured of it, while it leads; empty otherwise. */
  List<FollowerStatus> followers();

  ServerMetrics metrics();
}
