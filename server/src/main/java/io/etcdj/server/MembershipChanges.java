package io.etcdj.server;

import io.etcdj.raft.ConfChange;
import io.etcdj.raft.transport.PeerStats;
import io.etcdj.raft.transport.Transport;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Adding, removing and updating members as etcd 3.4's EtcdServer does, checks in etcd's order:
 * <ul>
 *   <li>the strict reconfiguration check ({@link #mayAdd}, {@link #mayRemove}: etcd's
 *       mayAddMember / mayRemoveMember), asked by the caller before it changes anything, and
 *       answered at once;</li>
 *   <li>then etcd's ValidateConfigurationChange (a removed id, an id or peer URL already taken, an
 *       unknown id). etcd finds these when it applies the proposed change, so its refusal comes
 *       after a Raft entry: a refused change here also waits for an entry through the log before
 *       it answers, and X-Raft-Index moves as etcd's does.</li>
 * </ul>
 * The validation is made against this member's applied membership when the change is asked,
 * where etcd makes it when the change is applied: two conflicting changes asked at the same
 * moment through different members can both pass here, where etcd refuses the second. Safe from
 * any thread.
 */
final class MembershipChanges {
  /** etcd's HealthInterval: how long a peer must have been reachable before a reconfiguration. */
  static final long HEALTH_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final long selfId;
  private final Membership membership;
  private final RoundTrips roundTrips;
  private final Transport transport;
  private final Clock clock;
  private final Function<ConfChange, CompletableFuture<Void>> configure;
  private final Supplier<CompletableFuture<Void>> logEntry;

  /**
   * {@code configure} proposes a conf change and completes when it is applied here;
   * {@code logEntry} puts an empty entry through the log and completes when it is applied here.
   */
  MembershipChanges(long selfId, Membership membership, RoundTrips roundTrips, Transport transport, Clock clock,
                    Function<ConfChange, CompletableFuture<Void>> configure,
                    Supplier<CompletableFuture<Void>> logEntry) {
    this.selfId = selfId;
    this.membership = membership;
    this.roundTrips = roundTrips;
    this.transport = transport;
    this.clock = clock;
    this.configure = configure;
    this.logEntry = logEntry;
  }

  /**
   * etcd's mayAddMember for a voting member (what /v2/members adds): a quorum of the members
   * after the add must have started, and this member must have reached every other member
   * without a break for the last 5 s (so also: not while a member added earlier has never
   * started, nor while this member is cut off from its peers).
   */
  Optional<MembershipException.Reason> mayAdd() {
    List<Member> members = membership.list();
    int total = members.size() + 1;
    long started = members.stream().filter(m -> !m.name().isEmpty()).count();
    if (!(started == 1 && total == 2) && started < total / 2 + 1) {
      return Optional.of(MembershipException.Reason.NOT_ENOUGH_STARTED_MEMBERS);
    }
    long since = clock.nanoTime() - HEALTH_INTERVAL_NANOS;
    boolean all = members.stream().allMatch(m -> m.id() == selfId || reachedSince(m.id(), since));
    return all ? Optional.empty() : Optional.of(MembershipException.Reason.UNHEALTHY);
  }

  /**
   * etcd's mayRemoveMember: removing a learner is always allowed; otherwise a quorum of the
   * remaining voters must have started, and removing a member this one reaches must leave a
   * quorum of voters this one has reached for the last 5 s. A member this one does not reach
   * at all may always go: it is not part of the quorum anyway.
   */
  Optional<MembershipException.Reason> mayRemove(long id) {
    List<Member> members = membership.list();
    Optional<Member> target = members.stream().filter(m -> m.id() == id).findFirst();
    if (target.isPresent() && target.get().learner()) {
      return Optional.empty();
    }
    List<Member> voters = members.stream().filter(m -> !m.learner()).toList();
    long remaining = voters.stream().filter(m -> m.id() != id).count();
    long started = voters.stream().filter(m -> m.id() != id && !m.name().isEmpty()).count();
    if (started < remaining / 2 + 1) {
      return Optional.of(MembershipException.Reason.NOT_ENOUGH_STARTED_MEMBERS);
    }
    if (id != selfId && !linked(id)) {
      return Optional.empty();
    }
    long since = clock.nanoTime() - HEALTH_INTERVAL_NANOS;
    long active = voters.stream().filter(m -> m.id() == selfId || reachedSince(m.id(), since)).count();
    return active - 1 < 1 + (voters.size() - 1) / 2 ? Optional.of(MembershipException.Reason.UNHEALTHY)
        : Optional.empty();
  }

  /** Adds a member with these peer URLs (sorted, as parsed); as a learner, promoted once caught up. */
  CompletableFuture<Member> add(List<URI> peerUrls) {
    List<String> urls = peerUrls.stream().map(URI::toString).sorted().toList();
    long id = newMemberId(urls, clock.wallMillis());
    if (membership.isRemoved(id)) {
      return refusedAfterTheLog(MembershipException.Reason.ID_REMOVED, id);
    }
    for (Member m : membership.list()) {
      if (m.id() == id) {
        return refusedAfterTheLog(MembershipException.Reason.ID_EXISTS, id);
      }
    }
    for (Member m : membership.list()) {
      if (m.peerUrls().stream().anyMatch(urls::contains)) {
        return refusedAfterTheLog(MembershipException.Reason.PEER_URL_EXISTS, id);
      }
    }
    // A new member joins as a learner: a slow joiner cannot cost the cluster its quorum. The
    // leader promotes it once it has caught up.
    byte[] context = MemberJson.confChangeContext(id, "", peerUrls);
    return configure.apply(new ConfChange(ConfChange.ConfChangeType.ADD_LEARNER_NODE, id, context))
        .thenApply(done -> new Member(id, "", urls, List.of(), true));
  }

  CompletableFuture<Void> remove(long id) {
    if (membership.isRemoved(id)) {
      return refusedAfterTheLog(MembershipException.Reason.ID_REMOVED, id);
    }
    if (membership.find(id).isEmpty()) {
      return refusedAfterTheLog(MembershipException.Reason.ID_NOT_FOUND, id);
    }
    return configure.apply(new ConfChange(ConfChange.ConfChangeType.REMOVE_NODE, id, new byte[0]));
  }

  CompletableFuture<Void> update(long id, List<URI> peerUrls) {
    List<String> urls = peerUrls.stream().map(URI::toString).sorted().toList();
    if (membership.isRemoved(id)) {
      return refusedAfterTheLog(MembershipException.Reason.ID_REMOVED, id);
    }
    Optional<Member> existing = membership.find(id);
    if (existing.isEmpty()) {
      return refusedAfterTheLog(MembershipException.Reason.ID_NOT_FOUND, id);
    }
    for (Member m : membership.list()) {
      if (m.id() != id && m.peerUrls().stream().anyMatch(urls::contains)) {
        return refusedAfterTheLog(MembershipException.Reason.PEER_URL_EXISTS, id);
      }
    }
    byte[] context = MemberJson.confChangeContext(id, existing.get().name(), peerUrls);
    return configure.apply(new ConfChange(ConfChange.ConfChangeType.UPDATE_NODE, id, context));
  }

  /**
   * etcd refuses these changes when it applies them, after their entry went through the log
   * (X-Raft-Index moves, X-Etcd-Index does not): so does this answer. Without a leader the entry
   * times out, and that is the answer, as in etcd.
   */
  private <T> CompletableFuture<T> refusedAfterTheLog(MembershipException.Reason reason, long id) {
    return logEntry.get().thenApply(applied -> {
      throw new MembershipException(reason, id);
    });
  }

  /** Whether the transport has a live connection to {@code id} (etcd's ActiveSince is non-zero). */
  private boolean linked(long id) {
    return transport.linkStats(id).map(PeerStats::active).orElse(false);
  }

  private boolean reachedSince(long id, long sinceNanos) {
    return linked(id) && roundTrips.answeringSince(id, sinceNanos);
  }

  /** etcd's NewMember for an added member: SHA-1 of the sorted peer URLs and the time in seconds. */
  static long newMemberId(List<String> sortedPeerUrls, long nowMs) {
    StringBuilder b = new StringBuilder();
    sortedPeerUrls.forEach(b::append);
    b.append(nowMs / 1000);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-1").digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(hash).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
