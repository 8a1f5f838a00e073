package io.etcdj.raft.sim;

import io.etcdj.raft.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A simulated network: every message gets a random delay (so messages reorder), may be lost, and
 * never crosses a partition. Driven by the simulation's single thread and random source.
 */
final class SimNetwork {
  private record InFlight(long deliverAt, long seq, Message message) {}

  private final SplittableRandom random;
  private final PriorityQueue<InFlight> queue = new PriorityQueue<>((a, b) -> {
    int c = Long.compare(a.deliverAt, b.deliverAt);
    return c != 0 ? c : Long.compare(a.seq, b.seq);
  });
  private long seq;
  private int lossPercent;
  private int maxDelaySteps = 3;
  /** Partition group of each node id; nodes talk only within their group. Index 0 unused. */
  private final int[] group;

  SimNetwork(SplittableRandom random, int nodes) {
    this.random = random;
    this.group = new int[nodes + 1];
  }

  void setLossPercent(int pct) { lossPercent = pct; }

  void setMaxDelaySteps(int steps) { maxDelaySteps = steps; }

  /** Splits the nodes whose bit is set in {@code mask} (bit i-1 for node i) from the others. */
  void partition(int mask) {
    for (int id = 1; id < group.length; id++) {
      group[id] = (mask & (1 << (id - 1))) != 0 ? 1 : 0;
    }
  }

  void heal() {
    java.util.Arrays.fill(group, 0);
  }

  boolean connected(long a, long b) { return group[(int) a] == group[(int) b]; }

  /** Queues {@code m}; false if the network lost it on the spot (loss or partition). */
  boolean send(Message m, long now) {
    if (!connected(m.from(), m.to()) || (lossPercent > 0 && random.nextInt(100) < lossPercent)) {
      return false;
    }
    queue.add(new InFlight(now + random.nextInt(maxDelaySteps + 1), seq++, m));
    return true;
  }

  /** Messages due by {@code now} that are still deliverable (a partition may have come up). */
  List<Message> due(long now) {
    List<Message> out = new ArrayList<>();
    while (!queue.isEmpty() && queue.peek().deliverAt <= now) {
      Message m = queue.poll().message;
      if (connected(m.from(), m.to())) {
        out.add(m);
      }
    }
    return out;
  }
}
