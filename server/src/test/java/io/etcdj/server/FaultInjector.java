package io.etcdj.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Makes a {@link SimFault} happen to the cluster, choosing the members it hits with the run's
 * random, and mends each network fault once its duration is over ({@link #mendDue}).
 */
final class FaultInjector {
  /** A graceful stop waits at most this long for its leadership transfer (EtcdServer's is 2 election timeouts). */
  private static final long HAND_OVER_NANOS = 2_000_000_000L;
  private static final int MEMBERS_MAX = 7;

  private final SimCluster cluster;
  private final SplittableRandom random;
  private final RunLog log;
  /** Network faults to undo, in the order they are due. */
  private final List<Mend> mends = new ArrayList<>();
  /** Faults waiting for the next leader, and those it drew, to happen before the next delivery. */
  private final List<SimFault> onNextLeader = new ArrayList<>();
  private final List<SimFault> forNewLeader = new ArrayList<>();
  private SimMember newLeader;
  /** The removal in flight, if any. */
  private java.util.concurrent.CompletableFuture<Void> removing;

  private record Mend(long atNanos, String what, Runnable undo) {}

  FaultInjector(SimCluster cluster, SplittableRandom random, RunLog log) {
    this.cluster = cluster;
    this.random = random;
    this.log = log;
  }

  void apply(SimFault fault) {
    SimNetwork network = cluster.network();
    if (fault instanceof SimFault.OnNextLeader n) {
      log.note("when the next leader is elected: " + n.fault());
      onNextLeader.add(n.fault());
    } else if (fault instanceof SimFault.Crash c) {
      SimMember m = pick(c.who());
      if (m != null) {
        log.note("crash " + m.name());
        m.crash();
      }
    } else if (fault instanceof SimFault.CrashAt c) {
      SimMember m = pick(c.who());
      if (m != null) {
        log.note("arm " + m.name() + " to crash at call " + c.nthCall() + " reaching " + c.point());
        m.killSwitch().arm(c.point(), c.nthCall());
      }
    } else if (fault instanceof SimFault.CrashMajority) {
      List<SimMember> live = new ArrayList<>(live());
      for (int n = live.size() / 2 + 1; n > 0 && !live.isEmpty(); n--) {
        SimMember m = live.remove(random.nextInt(live.size()));
        log.note("power loss at " + m.name());
        m.crash();
      }
    } else if (fault instanceof SimFault.Freeze f) {
      SimMember m = pick(f.who());
      if (m != null) {
        log.note("freeze " + m.name() + (m.leads() ? " (leader)" : "") + " for " + ms(f.steps()) + " ms");
        m.freeze(cluster.clock().nanoTime() + f.steps() * SimCluster.STEP_NANOS);
      }
    } else if (fault instanceof SimFault.StallApply a) {
      SimMember m = pick(a.who());
      if (m != null) {
        log.note("stall the apply thread of " + m.name() + " for " + ms(a.steps()) + " ms");
        m.stallApply(cluster.clock().nanoTime() + a.steps() * SimCluster.STEP_NANOS);
      }
    } else if (fault instanceof SimFault.GracefulStop g) {
      SimMember m = pick(g.who());
      if (m != null) {
        log.note("graceful stop of " + m.name() + (m.leads() ? " (leader)" : ""));
        m.beginStop(cluster.clock().nanoTime() + HAND_OVER_NANOS);
      }
    } else if (fault instanceof SimFault.Partition p) {
      Set<Long> side = new HashSet<>();
      Set<Long> others = new HashSet<>();
      List<SimMember> all = cluster.members();
      for (int i = 0; i < all.size(); i++) {
        (i < 31 && (p.mask() & (1 << i)) != 0 ? side : others).add(all.get(i).id());
      }
      String what = "partition " + names(side) + " | " + names(others);
      network.partition(side, others);
      lasting(what, p.steps(), () -> network.mendPartition(side, others));
    } else if (fault instanceof SimFault.Isolate i) {
      SimMember m = pick(i.who());
      if (m != null) {
        Set<Long> others = othersThan(m);
        network.partition(Set.of(m.id()), others);
        lasting("isolate " + m.name(), i.steps(), () -> network.mendPartition(Set.of(m.id()), others));
      }
    } else if (fault instanceof SimFault.Deafen d) {
      SimMember m = pick(d.who());
      if (m != null) {
        Set<Long> others = othersThan(m);
        others.forEach(other -> network.cut(other, m.id()));
        lasting("deafen " + m.name() + " (it hears nobody, everyone hears it)", d.steps(),
            () -> others.forEach(other -> network.mend(other, m.id())));
      }
    } else if (fault instanceof SimFault.Mute u) {
      SimMember m = pick(u.who());
      if (m != null) {
        Set<Long> others = othersThan(m);
        others.forEach(other -> network.cut(m.id(), other));
        lasting("mute " + m.name() + " (nobody hears it, it hears everyone)", u.steps(),
            () -> others.forEach(other -> network.mend(m.id(), other)));
      }
    } else if (fault instanceof SimFault.OneWayCut c) {
      SimMember from = pick(c.from());
      SimMember to = pick(c.to());
      if (from != null && to != null && from != to) {
        network.cut(from.id(), to.id());
        lasting("cut " + from.name() + " -> " + to.name(), c.steps(), () -> network.mend(from.id(), to.id()));
      }
    } else if (fault instanceof SimFault.Heal) {
      log.note("heal the network");
      healNetwork();
    } else if (fault instanceof SimFault.Loss l) {
      network.setLossPercent(l.percent());
      lasting("lose " + l.percent() + "% of messages", l.steps(), () -> network.setLossPercent(0));
    } else if (fault instanceof SimFault.Duplicate d) {
      network.setDuplicatePercent(d.percent());
      lasting("duplicate " + d.percent() + "% of messages", d.steps(), () -> network.setDuplicatePercent(0));
    } else if (fault instanceof SimFault.Delay d) {
      network.setDelay(d.minMicros() * 1_000L, d.maxMicros() * 1_000L);
      lasting("delay messages " + d.minMicros() + ".." + d.maxMicros() + " us", d.steps(),
          () -> network.setDelay(SimNetwork.DELAY_MIN_NANOS, SimNetwork.DELAY_MAX_NANOS));
    } else if (fault instanceof SimFault.AddMember) {
      SimMember via = pick(SimFault.Who.ANY);
      if (via != null && !via.runtime().members().isEmpty() && cluster.members().size() < MEMBERS_MAX) {
        String name = "m" + (cluster.members().size() + 1);
        log.note("add member " + name + " through " + via.name());
        cluster.beginAddMember(via, name);
      }
    } else if (fault instanceof SimFault.RemoveMember r) {
      SimMember via = pick(SimFault.Who.ANY);
      SimMember target = pick(r.who());
      if (via != null && target != null && (removing == null || removing.isDone()) && mayRemove(target)) {
        log.note("remove member " + target.name() + " through " + via.name());
        removing = via.server().removeMember(target.id());
      }
    }
  }

  /** A member was elected leader of a newer term than any before: the faults waiting for it are due. */
  void leaderElected(SimMember leader) {
    if (!onNextLeader.isEmpty()) {
      newLeader = leader;
      forNewLeader.addAll(onNextLeader);
      onNextLeader.clear();
    }
  }

  /**
   * The faults the newest leader drew, applied between two steps: its first appends are then
   * still on their way, and a cut stops them.
   */
  void applyForNewLeader() {
    if (forNewLeader.isEmpty()) {
      return;
    }
    List<SimFault> due = new ArrayList<>(forNewLeader);
    forNewLeader.clear();
    for (SimFault f : due) {
      if (newLeader.alive()) {
        log.note("to the new leader " + newLeader.name() + ":");
        apply(f);
      }
    }
    newLeader = null;
  }

  /** Mends every network fault whose time is up. */
  void mendDue() {
    long now = cluster.clock().nanoTime();
    for (int i = 0; i < mends.size(); ) {
      Mend m = mends.get(i);
      if (m.atNanos() - now <= 0) {
        mends.remove(i);
        log.note("end of: " + m.what());
        m.undo().run();
      } else {
        i++;
      }
    }
  }

  /** Every link mended and every network fault over, at once. */
  void healNetwork() {
    mends.clear();
    cluster.network().heal();
  }

  private static long ms(int steps) { return steps * SimCluster.STEP_NANOS / 1_000_000; }

  private void lasting(String what, int steps, Runnable undo) {
    log.note(what + " for " + ms(steps) + " ms");
    mends.add(new Mend(cluster.clock().nanoTime() + steps * SimCluster.STEP_NANOS, what, undo));
  }

  /**
   * Whether the operator may remove {@code target}: a learner always; a voter only while the
   * configuration (the leader's) keeps at least two other voters. etcd advises never to remove a member of a
   * two-member cluster (etcd-io/etcd#1994, #10563): if the member that is left never hears that
   * the removal committed, it counts the removed one still and can never be elected again, and
   * etcdj has that limitation too (worse: a removed member stops at once, where etcd waits 1 s
   * for its peers to hear). One removal at a time, so two cannot take a cluster of three to one.
   */
  private boolean mayRemove(SimMember target) {
    SimMember leader = cluster.leader().orElse(null);
    if (leader == null) {
      return false; // nobody knows the configuration for sure
    }
    io.etcdj.raft.ConfState cs = leader.disk().log().initialState().confState();
    return cs.learners().contains(target.id()) || (cs.voters().contains(target.id()) && cs.voters().size() >= 3);
  }

  /** A live member in the role asked for, or null when there is none. */
  private SimMember pick(SimFault.Who who) {
    List<SimMember> live = live();
    if (live.isEmpty()) {
      return null;
    }
    if (who == SimFault.Who.LEADER) {
      SimMember leader = newLeader != null && newLeader.alive() ? newLeader : cluster.leader().orElse(null);
      return leader != null ? leader : live.get(random.nextInt(live.size()));
    }
    if (who == SimFault.Who.FOLLOWER) {
      List<SimMember> followers = live.stream().filter(m -> !m.leads()).toList();
      return followers.isEmpty() ? null : followers.get(random.nextInt(followers.size()));
    }
    return live.get(random.nextInt(live.size()));
  }

  private List<SimMember> live() { return cluster.members().stream().filter(SimMember::alive).toList(); }

  private Set<Long> othersThan(SimMember m) {
    Set<Long> others = new HashSet<>();
    cluster.members().forEach(x -> {
      if (x != m) {
        others.add(x.id());
      }
    });
    return others;
  }

  private String names(Set<Long> ids) {
    return cluster.members().stream().filter(m -> ids.contains(m.id())).map(SimMember::name).toList().toString();
  }
}
