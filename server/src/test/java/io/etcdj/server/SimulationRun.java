package io.etcdj.server;

import io.etcdj.raft.Entry;
import io.etcdj.raft.MemoryLogStorage;
import io.etcdj.raft.SnapshotMetadata;
import io.etcdj.server.history.CheckResult;
import io.etcdj.server.history.History;
import io.etcdj.server.history.HistoryRecorder;
import io.etcdj.server.history.LinearizabilityChecker;
import io.etcdj.server.history.PlainReadChecker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One generated schedule of the production member runtime, from one seed: a cluster of the
 * seed's shape ({@link SimProfile}), clients recording a history, faults at the seed's steps
 * ({@link FaultSchedule}); then the network heals, every crashed member restarts, the clients go
 * on for a while, and the cluster must settle ({@link Settling}). Raft's invariants are checked
 * as the members run ({@link ElectionChecks}, {@link LogChecks}, {@link CommitChecks}, and
 * {@link TtlKeys} for expiry); the history at the end (linearizability of quorum operations, the
 * weaker check of plain reads).
 *
 * <p>{@code SimulationRun.replay(seed);} runs one schedule again, exactly, and throws its report
 * if it fails: the line a failing CI run prints.
 */
public final class SimulationRun implements SimObserver {
  /** Steps of client traffic on the healed network before the cluster must settle. */
  static final int QUIET_STEPS = 400;
  /** {@code -Detcdj.sim.trace=true}: print every command as it is first applied (to debug a replay). */
  private static final boolean TRACE = Boolean.getBoolean("etcdj.sim.trace");

  private final long seed;
  private final PlantedBug bug;
  private final PlantedBug planted;
  private final SplittableRandom random;
  private final SimProfile profile;
  private final HistoryRecorder history = new HistoryRecorder();
  private final LogChecks logs = new LogChecks();
  private final ElectionChecks elections = new ElectionChecks(logs);
  private final List<SimClient> clients = new ArrayList<>();
  private final Map<SimMember, Long> restartAtNanos = new LinkedHashMap<>();
  private final Map<CrashPoint, Integer> crashPoints = new EnumMap<>(CrashPoint.class);
  private final SimClock clock;
  private final RunLog log;
  private final TtlKeys ttl;
  private SimCluster cluster;
  private CommitChecks commits;
  private FaultInjector faults;
  private boolean faultPhase;
  private long ticks;
  private int crashes;
  private long newestTermNoted;
  private String knownIssue;
  private int historyHash;

  private SimulationRun(long seed, PlantedBug bug, PlantedBug planted) {
    this.seed = seed;
    this.bug = bug;
    this.planted = planted;
    this.random = new SplittableRandom(seed);
    this.profile = SimProfile.draw(random.split(), bug);
    this.clock = new SimClock();
    this.log = new RunLog(clock);
    this.ttl = profile.ttl() ? new TtlKeys(clock, random.split()) : null;
  }

  /** Runs schedule {@code seed} with {@code bug} planted and says how it went. */
  static RunOutcome run(long seed, PlantedBug bug) { return new SimulationRun(seed, bug, bug).execute(); }

  /** The schedule {@code run(seed, bug)} runs, exactly, without planting the bug: the control. */
  static RunOutcome control(long seed, PlantedBug bug) {
    return new SimulationRun(seed, bug, PlantedBug.NONE).execute();
  }

  /** Runs schedule {@code seed} again and throws its report if any check fails. */
  public static void replay(long seed) { replay(seed, PlantedBug.NONE); }

  static void replay(long seed, PlantedBug bug) {
    RunOutcome outcome = run(seed, bug);
    if (outcome.failed()) {
      throw new AssertionError(outcome.report());
    }
  }

  private RunOutcome execute() {
    try {
      SimCluster.Options options = new SimCluster.Options(profile.size(), profile.snapshotCount(),
          profile.quorumReadIndex(), profile.maxMessageBytes(), planted);
      cluster = new SimCluster(seed, options, clock, this, elections);
      commits = new CommitChecks(cluster.members()); // members apply nothing before the first step
      for (int i = 0; i < profile.clients(); i++) {
        clients.add(new SimClient(i, keys(), history, () -> ++ticks, clock, random.split()));
      }
      faults = new FaultInjector(cluster, random.split(), log);
      List<SimFault.Timed> schedule = FaultSchedule.draw(profile, random.split());
      int next = 0;
      faultPhase = true;
      for (int step = 0; step < profile.faultSteps(); step++) {
        faults.applyForNewLeader();
        faults.mendDue();
        while (next < schedule.size() && schedule.get(next).step() <= step) {
          faults.apply(schedule.get(next++).fault());
        }
        step(true);
      }
      faultPhase = false;
      heal(faults);
      for (int step = 0; step < QUIET_STEPS; step++) {
        step(true);
      }
      String issue = new Settling(cluster, clock, ttl, () -> step(false)).settle();
      knownIssue = issue;
      LogChecks.checkLogsMatch(cluster.members());
      checkHistory();
      return outcome(null, null);
    } catch (InvariantViolation v) {
      return outcome(v.property(), v.getMessage());
    } catch (Throwable t) {
      StringWriter trace = new StringWriter();
      t.printStackTrace(new PrintWriter(trace));
      return outcome("no exception escapes the runtime", trace.toString());
    }
  }

  private List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < profile.keys(); i++) {
      keys.add("k" + i);
    }
    return keys;
  }

  /** One step: members due back restart, clients and the TTL writer act, the cluster moves 5 ms. */
  private void step(boolean clientsAct) {
    restartDue();
    if (clientsAct) {
      for (SimClient c : clients) {
        c.act(cluster);
      }
      if (ttl != null) {
        ttl.act(cluster);
      }
    }
    cluster.step();
    for (SimClient c : clients) {
      if (c.surprise() != null) {
        throw new InvariantViolation("clients get answers etcd gives", c.surprise());
      }
    }
  }

  private void restartDue() {
    long now = clock.nanoTime();
    var it = restartAtNanos.entrySet().iterator();
    while (it.hasNext()) {
      var due = it.next();
      if (due.getValue() - now <= 0) {
        it.remove();
        log.note("restart " + due.getKey().name());
        cluster.restart(due.getKey());
      }
    }
  }

  private void heal(FaultInjector faults) {
    log.note("end of faults: heal the network, disarm every kill switch, restart every member that is down");
    faults.healNetwork();
    for (SimMember m : cluster.members()) {
      m.killSwitch().disarm();
      m.freeze(0);
      m.stallApply(0);
    }
    restartAtNanos.replaceAll((m, at) -> clock.nanoTime());
    restartDue();
  }

  private void checkHistory() {
    History h = history.history();
    historyHash = h.hashCode();
    CheckResult linearizable = new LinearizabilityChecker().check(h);
    if (!linearizable.passed()) {
      throw new InvariantViolation(linearizable instanceof CheckResult.TooLarge ? "linearizability (undecided)"
          : "linearizability", linearizable.describe());
    }
    CheckResult plain = new PlainReadChecker().check(h);
    if (!plain.passed()) {
      throw new InvariantViolation("plain reads", plain.describe());
    }
  }

  private RunOutcome outcome(String violated, String detail) {
    String report = violated == null ? null : "simulation schedule " + seed + " broke " + violated
        + (planted == PlantedBug.NONE ? "" : " (planted bug: " + planted.description() + ")") + "\n" + detail
        + "\nschedule: " + profile + "\nlast events:\n" + log.tail() + "replay: " + RunOutcome.replayLine(seed, bug);
    long messages = cluster == null ? 0 : cluster.network().delivered();
    return new RunOutcome(seed, bug, profile, messages, history.size(), logs.entriesApplied(), elections.leadersSeen(),
        crashes,
        crashPoints, knownIssue, fingerprint(), violated, report);
  }

  /** What a replay must reproduce exactly: the history, and the counts of the run. */
  private long fingerprint() {
    long f = historyHash;
    for (long n : new long[] {logs.entriesApplied(), elections.leadersSeen(), crashes, ticks,
        cluster == null ? 0 : cluster.network().delivered(), clock.nanoTime()}) {
      f = f * 1_000_003L + n;
    }
    return f;
  }

  // ---- SimObserver: the checks, and what the run does when members come and go ----------------

  @Override public void started(SimMember m) {
    logs.started(m);
    elections.started(m);
    if (ttl != null) {
      ttl.started(m);
    }
  }

  @Override public void leading(SimMember m, long term) {
    elections.leading(m, term);
    if (term > newestTermNoted) {
      newestTermNoted = term;
      log.note(m.name() + " leads term " + term);
      if (faultPhase) {
        faults.leaderElected(m);
      }
    }
  }

  @Override public void saved(SimMember m, List<Entry> entries, MemoryLogStorage log) { logs.saved(m, entries, log); }

  @Override public void applied(SimMember m, Entry entry, long storeIndex) {
    boolean first = entry.index() > logs.highestApplied();
    if (first && TRACE && entry.type() == io.etcdj.raft.EntryType.NORMAL && entry.data() != null
        && entry.data().length > 0 && !EntryCodec.isBarrier(entry.data())) {
      System.out.println("trace " + seed + ": " + clock.nanoTime() / 1_000_000 + " ms " + m.name() + " applies index "
          + entry.index() + " term " + entry.term() + " request " + EntryCodec.requestId(entry.data()) + ": "
          + EntryCodec.command(entry.data()) + ", store index then " + storeIndex);
    }
    logs.applied(m, entry, storeIndex);
    commits.applied(m, entry, storeIndex);
    if (first && entry.type() == io.etcdj.raft.EntryType.CONF_CHANGE) {
      io.etcdj.raft.ConfChange change = io.etcdj.raft.ConfChange.decode(entry.data());
      log.note(m.name() + " applies " + change.type() + " of " + nameOf(change.nodeId()) + " at index " + entry.index()
          + " (term " + entry.term() + ")");
    }
  }

  private String nameOf(long id) {
    return cluster.members().stream().filter(x -> x.id() == id).map(SimMember::name).findFirst()
        .orElse(ClusterIdentity.hex(id));
  }

  @Override public void restored(SimMember m, SnapshotMetadata snapshot, long storeIndex) {
    logs.restored(m, snapshot, storeIndex);
  }

  @Override public void down(SimMember m) {
    for (SimClient c : clients) {
      c.memberDown(m);
    }
    CrashPoint point = m.lastCrashPoint();
    if (point != null) {
      crashPoints.merge(point, 1, Integer::sum);
      log.note(m.name() + " crashed at " + point);
    }
    crashes++;
    if (m.removed()) {
      log.note(m.name() + " applied its removal and stopped");
      return;
    }
    // Most come back soon; some stay away long enough to need a snapshot.
    long downNanos = random.nextInt(10) == 0 ? 3_000_000_000L + random.nextLong(3_000_000_000L)
        : 100_000_000L + random.nextLong(1_900_000_000L);
    restartAtNanos.put(m, clock.nanoTime() + downNanos);
  }
}
