package io.etcdj.raft.transport;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells Raft a peer is unreachable at most once per interval per peer. A full queue drops
 * thousands of messages a second; one report per interval is all the leader needs to go back to
 * probing, and the Raft thread is not flooded with duplicates. Called from the Raft thread and
 * from event loops, hence the compare-and-set.
 */
final class UnreachableReporter {
  private static final long NEVER = Long.MIN_VALUE;

  private final RaftInbound inbound;
  private final long intervalNanos;
  private final ConcurrentHashMap<Long, AtomicLong> lastReportNanos = new ConcurrentHashMap<>();

  UnreachableReporter(RaftInbound inbound, long intervalNanos) {
    this.inbound = inbound;
    this.intervalNanos = intervalNanos;
  }

  void report(long memberId) {
    AtomicLong last = lastReportNanos.computeIfAbsent(memberId, id -> new AtomicLong(NEVER));
    long now = System.nanoTime();
    long seen = last.get();
    boolean due = seen == NEVER || now - seen >= intervalNanos;
    if (due && last.compareAndSet(seen, now)) {
      inbound.reportUnreachable(memberId);
    }
  }

  void forget(long memberId) { lastReportNanos.remove(memberId); }
}
