package io.etcdj.server;

import io.etcdj.kvstore.Event;
import io.etcdj.kvstore.NodeView;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreResult;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Keys with a TTL, written now and then through a random member, and the check that each expires
 * exactly once whoever leads: every incarnation of every member sees (through a stream watcher on
 * its store, as a client's watch would) each key expire at most once, never before its expiration
 * time (the leader's Expire entry carries the leader's clock), and at the same store index as
 * everyone else; and once the cluster has settled, no key long past its expiration is left.
 * These keys stay out of the linearizability history: the per-key model knows no TTLs.
 */
final class TtlKeys implements SimObserver {
  private static final String DIR = "/1/ttl";
  /** The leader proposes an Expire every 500 ms; a settled cluster has had time for a few. */
  private static final long SETTLED_SLACK_MS = 1_500;

  private final SimClock clock;
  private final SplittableRandom random;
  private final Map<String, Long> expireAtMsByValue = new HashMap<>();
  private final Map<String, Long> expiredAtIndexByValue = new HashMap<>();
  private final Map<Integer, Set<String>> expiredByIncarnation = new HashMap<>();
  private long nextWriteNanos;
  private int written;
  private long expiriesSeen;

  TtlKeys(SimClock clock, SplittableRandom random) {
    this.clock = clock;
    this.random = random;
  }

  long expiriesSeen() { return expiriesSeen; }

  /** Writes the next TTL key when it is time, through a random live member; its fate does not matter. */
  void act(SimCluster cluster) {
    long now = clock.nanoTime();
    if (now - nextWriteNanos < 0) {
      return;
    }
    nextWriteNanos = now + 100_000_000L + random.nextLong(500_000_000L);
    List<SimMember> live = cluster.members().stream().filter(SimMember::alive).toList();
    if (live.isEmpty()) {
      return;
    }
    String value = "ttl" + ++written;
    long expireAtMs = clock.wallMillis() + 200 + random.nextLong(2_000);
    expireAtMsByValue.put(value, expireAtMs);
    live.get(random.nextInt(live.size())).server().propose(new StoreCommand.Put(DIR + "/t" + written, value, false,
        expireAtMs, false, StoreCommand.PrevExist.UNSET, "", 0, clock.wallMillis()));
  }

  @Override public void started(SimMember m) {
    int incarnation = m.incarnation();
    m.runtime().store().watch(DIR, true, true, 0, event -> {
      if (event.action().equals("expire")) {
        expired(m, incarnation, event);
      }
    });
  }

  private void expired(SimMember m, int incarnation, Event event) {
    String value = event.prevNode().value();
    String key = event.node().key();
    if (!expiredByIncarnation.computeIfAbsent(incarnation, k -> new HashSet<>()).add(value)) {
      throw new InvariantViolation("TTL keys expire once", m.name() + " saw " + key + " (" + value + ") expire twice");
    }
    expiriesSeen++;
    StoreCommand command = EntryCodec.command(m.applying().data());
    Long expireAtMs = expireAtMsByValue.get(value);
    if (!(command instanceof StoreCommand.Expire expire) || expireAtMs == null || expire.timeMs() < expireAtMs) {
      throw new InvariantViolation("TTL keys never expire early", m.name() + " expired " + key + " (" + value
          + ", due at " + expireAtMs + ") applying " + command);
    }
    Long index = expiredAtIndexByValue.putIfAbsent(value, event.index());
    if (index != null && index != event.index()) {
      throw new InvariantViolation("TTL keys expire once", m.name() + " saw " + key + " expire at store index "
          + event.index() + ", another member at " + index);
    }
  }

  /**
   * A key on a settled member more than {@link #SETTLED_SLACK_MS} past its expiration, or null.
   * Keys may outlive their expiration while no leader ticks, so the settling cluster waits for
   * this to come back null.
   */
  String overdue(List<SimMember> settled) {
    long nowMs = clock.wallMillis();
    for (SimMember m : settled) {
      StoreResult result = m.runtime().store().get(DIR, true, true, nowMs);
      if (!(result instanceof StoreResult.Ok ok) || ok.event().node().nodes() == null) {
        continue;
      }
      for (NodeView node : ok.event().node().nodes()) {
        Long expireAtMs = expireAtMsByValue.get(node.value());
        if (expireAtMs != null && expireAtMs < nowMs - SETTLED_SLACK_MS) {
          return m.name() + " still holds " + node.key() + " (" + node.value() + ") " + (nowMs - expireAtMs)
              + " ms after it expired";
        }
      }
    }
    return null;
  }
}
