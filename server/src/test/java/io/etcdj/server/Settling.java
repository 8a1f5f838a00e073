package io.etcdj.server;

import io.etcdj.kvstore.NodeView;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreResult;
import io.etcdj.raft.ConfState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The end of a schedule: the network is healed and every member is back, so the cluster must
 * settle within {@link #SETTLE_STEPS_MAX} steps (liveness), and its members must then agree
 * (convergence). Clients have stopped sending; what they still wait for may yet be answered.
 */
final class Settling {
  /** Steps the healed cluster has to elect a leader, commit a write and converge (20 s). */
  static final int SETTLE_STEPS_MAX = 4_000;
  private static final long MARKER_RETRY_NANOS = 1_000_000_000L;
  /**
   * A known limitation shared with etcd (etcd-io/etcd#10563), reported and not fixed here: a
   * member that never heard that a removal committed still counts the removed member, which
   * stopped for good; when no majority of its configuration is left without it, it can never be
   * elected again. The fault injector removes voters only from configurations of three or more,
   * as etcd advises, but its view of the configuration may be stale; then the run says so
   * ({@code -Detcdj.sim.strict=true} fails it). etcd narrows the window by keeping a removed
   * member up for a second so the others hear; etcdj stops it at once.
   */
  static final String KNOWN_ISSUE_REMOVED_VOTER = "a member counts a removed member that stopped, and lacks a majority";
  private static final boolean STRICT = Boolean.getBoolean("etcdj.sim.strict");

  private final SimCluster cluster;
  private final SimClock clock;
  private final TtlKeys ttl; // null when the schedule writes no TTL keys
  private final Runnable stepWithoutClients;
  private String knownIssue;

  Settling(SimCluster cluster, SimClock clock, TtlKeys ttl, Runnable stepWithoutClients) {
    this.cluster = cluster;
    this.clock = clock;
    this.ttl = ttl;
    this.stepWithoutClients = stepWithoutClients;
  }

  /**
   * Steps until the cluster has settled, or throws what did not: a leader, a write through it
   * that commits, then every member of its configuration applied up to there and holding the
   * same store, and no TTL key long past its expiration. Returns the known issue it tolerated,
   * or null.
   */
  String settle() {
    CompletableFuture<StoreResult> marker = null;
    long markerSentNanos = 0;
    long target = -1;
    String overdue = null;
    for (int step = 0; step < SETTLE_STEPS_MAX; step++) {
      stepWithoutClients.run();
      Optional<SimMember> leader = cluster.leader();
      if (leader.isEmpty()) {
        continue;
      }
      boolean retry = marker == null || marker.isCompletedExceptionally()
          || (!marker.isDone() && clock.nanoTime() - markerSentNanos > MARKER_RETRY_NANOS);
      if (retry) {
        marker = leader.get().server().propose(new StoreCommand.Put("/1/settled", "yes", false, 0, false,
            StoreCommand.PrevExist.UNSET, "", 0, clock.wallMillis()));
        markerSentNanos = clock.nanoTime();
        continue;
      }
      if (!marker.isDone()) {
        continue;
      }
      if (target < 0) {
        target = leader.get().runtime().raftIndex();
      }
      List<SimMember> settled = settledMembers(leader.get(), target);
      if (settled != null) {
        checkSameStores(settled);
        overdue = ttl == null ? null : ttl.overdue(settled);
        if (overdue == null) {
          return knownIssue;
        }
      }
    }
    if (overdue != null) {
      throw new InvariantViolation("TTL keys expire", overdue);
    }
    if (!STRICT && cluster.leader().isEmpty() && lostToARemoval()) {
      return KNOWN_ISSUE_REMOVED_VOTER;
    }
    throw new InvariantViolation("the healed cluster settles", "within "
        + SETTLE_STEPS_MAX * SimCluster.STEP_NANOS / 1_000_000_000L + " s: " + stuck(marker));
  }

  /** Whether some live member can never be elected because its configuration counts removed members. */
  private boolean lostToARemoval() {
    for (SimMember m : cluster.members()) {
      if (!m.alive()) {
        continue;
      }
      ConfState cs = m.disk().log().initialState().confState();
      long left = cs.voters().stream().filter(id -> cluster.members().stream()
          .noneMatch(x -> x.id() == id && x.removed())).count();
      if (cs.voters().contains(m.id()) && left < cs.voters().size() / 2 + 1) {
        return true;
      }
    }
    return false;
  }

  /** Where the cluster stands, for a report of why it did not settle. */
  private String stuck(CompletableFuture<StoreResult> marker) {
    Optional<SimMember> leader = cluster.leader();
    String write = marker == null ? "never proposed" : !marker.isDone() ? "pending"
        : marker.isCompletedExceptionally() ? "failed (" + marker.handle((ok, e) -> e).join() + ")" : "committed";
    List<String> memberList = leader.map(l -> l.runtime().members().stream()
        .map(x -> x.name().isEmpty() ? x.idHex() : x.name() + (x.learner() ? " (learner)" : "")).toList())
        .orElse(List.of());
    return "leader " + leader.map(SimMember::name).orElse("none") + ", marker write " + write
        + ", the leader's member list " + memberList + ", members " + describeMembers();
  }

  /**
   * The members of the leader's configuration if all are up and applied to the same index, at
   * least {@code target}; null while not.
   */
  private List<SimMember> settledMembers(SimMember leader, long target) {
    List<SimMember> settled = new ArrayList<>();
    long applied = -1;
    for (Member member : leader.runtime().members()) {
      SimMember m = cluster.members().stream().filter(x -> x.id() == member.id()).findFirst().orElse(null);
      if (m == null) {
        continue; // added, but its process was never started (its addition was not known to succeed)
      }
      if (!m.alive() || !m.idle()) {
        return null;
      }
      long index = m.runtime().status().appliedIndex();
      if (index < target || (applied >= 0 && index != applied)) {
        return null;
      }
      applied = index;
      settled.add(m);
    }
    return settled;
  }

  private void checkSameStores(List<SimMember> settled) {
    NodeView first = null;
    for (SimMember m : settled) {
      StoreResult all = m.runtime().store().get("/", true, true, clock.wallMillis());
      NodeView root = ((StoreResult.Ok) all).event().node();
      if (first == null) {
        first = root;
      } else if (!first.equals(root)) {
        throw new InvariantViolation("replicas converge", m.name() + "'s store differs from " + settled.get(0).name()
            + "'s at the same applied index " + m.runtime().status().appliedIndex());
      }
    }
  }

  private String describeMembers() {
    StringBuilder b = new StringBuilder();
    for (SimMember m : cluster.members()) {
      b.append("\n  ").append(m.name());
      if (m.removed()) {
        b.append(" removed");
      } else if (!m.alive()) {
        b.append(" down");
      } else {
        MemberStatus s = m.runtime().status();
        b.append(' ').append(s.role()).append(" term ").append(s.term()).append(" commit ").append(s.commitIndex())
            .append(" applied ").append(s.appliedIndex()).append(" log ").append(m.disk().log().firstIndex())
            .append("..").append(m.disk().log().lastIndex()).append(", configuration ")
            .append(names(m.disk().log().initialState().confState())).append(", talks to ")
            .append(m.runtime().driver().roster().ids().stream().map(this::name).sorted().toList());
      }
    }
    return b.toString();
  }

  private String names(ConfState cs) {
    return "voters " + cs.voters().stream().map(this::name).toList() + " learners "
        + cs.learners().stream().map(this::name).toList();
  }

  private String name(long id) {
    return cluster.members().stream().filter(m -> m.id() == id).map(SimMember::name).findFirst()
        .orElse(ClusterIdentity.hex(id));
  }
}
