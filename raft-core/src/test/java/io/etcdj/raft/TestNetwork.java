package io.etcdj.raft;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A few {@link TestMember}s wired together in the test thread: every message each one emits is
 * delivered at once, in order, unless its sender or receiver is isolated. No clock: time passes
 * only when a test ticks a member, so whatever happens without a tick happens "at once".
 */
final class TestNetwork {
  private final Map<Long, TestMember> members = new TreeMap<>();
  private final Set<Long> isolated = new HashSet<>();
  /** Every message delivered so far, in order. */
  final List<Message> delivered = new ArrayList<>();

  TestNetwork(TestMember... ms) {
    for (TestMember m : ms) {
      add(m);
    }
  }

  TestNetwork add(TestMember m) {
    members.put(m.id(), m);
    return this;
  }

  TestMember member(long id) { return members.get(id); }

  void isolate(long id) { isolated.add(id); }

  void heal() { isolated.clear(); }

  /** Drives every member and delivers what they send until nobody has anything left to say. */
  void settle() {
    for (int round = 0; round < 10_000; round++) {
      List<Message> out = new ArrayList<>();
      for (TestMember m : members.values()) {
        out.addAll(m.drive());
      }
      if (out.isEmpty()) {
        return;
      }
      for (Message msg : out) {
        TestMember to = members.get(msg.to());
        if (to != null && !isolated.contains(msg.to()) && !isolated.contains(msg.from())) {
          delivered.add(msg);
          to.node.step(msg);
        }
      }
    }
    throw new AssertionError("the members never stopped talking");
  }

  /** Ticks a member {@code n} times, settling after each tick. */
  void tick(long id, int n) {
    for (int i = 0; i < n; i++) {
      members.get(id).node.tick();
      settle();
    }
  }

  List<Message> delivered(MessageType type) {
    return delivered.stream().filter(m -> m.type() == type).toList();
  }

  /** The member that leads in the highest term, or null. */
  TestMember leader() {
    TestMember best = null;
    for (TestMember m : members.values()) {
      if (m.status().role() == StateRole.LEADER
          && (best == null || m.status().term() > best.status().term())) {
        best = m;
      }
    }
    return best;
  }
}
