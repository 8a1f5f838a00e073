package io.etcdj.raft.sim;

/**
 * One fault the schedule injects at a given step. Each prints as the Java expression that builds
 * it, so a failing schedule from a report can be pasted into {@link ScheduledRun#run} to replay.
 */
sealed interface Fault {
  /** Nodes whose bit is set in mask are cut off from the others. */
  record Partition(int mask) implements Fault {
    @Override public String toString() { return "new Fault.Partition(" + mask + ")"; }
  }
  record Heal() implements Fault {
    @Override public String toString() { return "new Fault.Heal()"; }
  }
  record Crash(int node) implements Fault {
    @Override public String toString() { return "new Fault.Crash(" + node + ")"; }
  }
  record Restart(int node) implements Fault {
    @Override public String toString() { return "new Fault.Restart(" + node + ")"; }
  }
  record Compact(int node) implements Fault {
    @Override public String toString() { return "new Fault.Compact(" + node + ")"; }
  }
  /** The current leader (if any) hands leadership to node. */
  record Transfer(int node) implements Fault {
    @Override public String toString() { return "new Fault.Transfer(" + node + ")"; }
  }
  record Loss(int percent) implements Fault {
    @Override public String toString() { return "new Fault.Loss(" + percent + ")"; }
  }
  /** The leader (if any) adds a learner: a fresh node, or one whose earlier addition was lost. */
  record AddLearner() implements Fault {
    @Override public String toString() { return "new Fault.AddLearner()"; }
  }
  /** The leader (if any) promotes its lowest-numbered learner (if any) to voter. */
  record Promote() implements Fault {
    @Override public String toString() { return "new Fault.Promote()"; }
  }

  /** A fault and the step it happens at. */
  record Timed(int atStep, Fault fault) {
    @Override public String toString() { return "new Fault.Timed(" + atStep + ", " + fault + ")"; }
  }

  default void applyTo(SimCluster cluster) {
    int size = cluster.nodes().size();
    if (this instanceof Partition p) {
      cluster.network().partition(p.mask());
    } else if (this instanceof Heal) {
      cluster.network().heal();
    } else if (this instanceof Crash c) {
      cluster.crash(1 + (c.node() - 1) % size);
    } else if (this instanceof Restart r) {
      cluster.restart(1 + (r.node() - 1) % size);
    } else if (this instanceof Compact c) {
      cluster.compact(1 + (c.node() - 1) % size);
    } else if (this instanceof Transfer t) {
      SimNode leader = cluster.leader();
      if (leader != null) {
        leader.raft().transferLeadership(1 + (t.node() - 1) % size);
      }
    } else if (this instanceof Loss l) {
      cluster.network().setLossPercent(l.percent());
    } else if (this instanceof AddLearner) {
      cluster.addLearner();
    } else if (this instanceof Promote) {
      cluster.promoteALearner();
    }
  }
}
