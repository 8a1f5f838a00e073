package io.etcdj.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids (etcd's idutil): the low 16 bits of the member id in the top 16 bits, then the
 * start time in milliseconds (40 bits, so a restarted member never reuses an id) and a counter
 * (8 bits) that carries into the time. Unique across the members of a cluster unless two of them
 * share those 16 bits of their ids and start in the same millisecond; then they make the same
 * ids, so the applier completes a waiting request only for the very entry it proposed
 * ({@link PendingProposals#complete}), not for any entry with its id. Safe from any thread.
 */
final class RequestIds {
  private static final int COUNTER_BITS = 8;
  private static final int TIME_BITS = 40;
  private static final long LOW_MASK = (1L << (TIME_BITS + COUNTER_BITS)) - 1;

  private final long prefix;
  private final AtomicLong suffix;

  RequestIds(long memberId, long nowMs) {
    this.prefix = memberId << (TIME_BITS + COUNTER_BITS);
    this.suffix = new AtomicLong((nowMs & ((1L << TIME_BITS) - 1)) << COUNTER_BITS);
  }

  long next() {
    return prefix | (suffix.incrementAndGet() & LOW_MASK);
  }
}
