package io.etcdj.raft.sim;

import io.etcdj.raft.ConfChange;
import io.etcdj.raft.ConfState;
import io.etcdj.raft.Message;
import io.etcdj.raft.Peer;
import io.etcdj.raft.ProposalDroppedException;
import io.etcdj.raft.RaftConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A whole cluster in one thread, from one seed: nodes, network, time and faults. The same seed
 * and fault schedule replay the same run exactly, step by step.
 */
final class SimCluster {
  /** Options of one run. */
  record Options(int size, boolean preVote, boolean checkQuorum, int proposalPercent,
                 boolean tinyMessages) {
    Options(int size, boolean preVote, boolean checkQuorum, int proposalPercent) {
      this(size, preVote, checkQuorum, proposalPercent, true);
    }
  }

  /** Room for members added during a run. */
  static final int MAX_NODES = 8;

  private final long seed;
  private final Options options;
  private final SplittableRandom random;
  private final SimNetwork network;
  private final SafetyChecker checker;
  private final List<SimNode> nodes = new ArrayList<>();
  private final List<Peer> peers = new ArrayList<>();
  private long now;
  private int proposalSeq;
  private int restarts;
  private int readSeq;

  SimCluster(long seed, Options options, String runDescription) {
    this.seed = seed;
    this.options = options;
    this.random = new SplittableRandom(seed);
    this.network = new SimNetwork(random.split(), MAX_NODES);
    this.checker = new SafetyChecker(runDescription);
    for (int i = 1; i <= options.size(); i++) {
      peers.add(new Peer(i, ("member-" + i).getBytes(StandardCharsets.UTF_8)));
    }
    for (int i = 1; i <= options.size(); i++) {
      SimNode n = new SimNode(i, checker);
      nodes.add(n);
      n.start(config(i), peers);
    }
  }

  private RaftConfig config(long id) {
    // Tiny messages and window exercise batching, flow control and probing; the large ones are
    // what a server runs with.
    long maxMsgBytes = options.tinyMessages() ? 256 : 1 << 20;
    int maxInflight = options.tinyMessages() ? 4 : 256;
    return new RaftConfig(id, 10, 1, maxMsgBytes, maxInflight, options.checkQuorum(),
        options.preVote(), 0, seed * 31 + id * 7919 + restarts);
  }

  SimNetwork network() { return network; }
  SafetyChecker checker() { return checker; }
  List<SimNode> nodes() { return nodes; }
  SimNode node(int id) { return nodes.get(id - 1); }
  long now() { return now; }

  /** One unit of simulated time: deliver what is due, tick everyone, maybe propose, run Readys. */
  void step() {
    for (Message m : network.due(now)) {
      SimNode to = node((int) m.to());
      to.receive(m);
    }
    for (SimNode n : nodes) {
      if (n.alive()) {
        n.raft().tick();
      }
    }
    if (random.nextInt(100) < options.proposalPercent()) {
      proposeSomewhere();
    }
    if (random.nextInt(100) < options.proposalPercent() / 2) {
      readSomewhere();
    }
    drainReadys();
    now++;
  }

  void run(int steps) {
    for (int i = 0; i < steps; i++) {
      step();
    }
  }

  private void drainReadys() {
    boolean progress = true;
    while (progress) {
      progress = false;
      for (SimNode n : nodes) {
        if (n.alive() && n.raft().hasReady()) {
          n.processReadys(this::send);
          progress = true;
        }
      }
    }
  }

  private void send(Message m) {
    boolean queued = node((int) m.to()).alive() && network.send(m, now);
    if (SimNode.isSnapshot(m)) {
      // The transport tells the leader how the snapshot went, as etcd's does.
      node((int) m.from()).raft().reportSnapshot(m.to(), !queued);
    }
  }

  /** Proposes a uniquely named value at a random live node (dropped if it knows no leader). */
  boolean proposeSomewhere() {
    SimNode n = nodes.get(random.nextInt(nodes.size()));
    if (!n.alive()) {
      return false;
    }
    return propose(n, "p" + (proposalSeq++));
  }

  boolean propose(SimNode n, String value) {
    try {
      n.raft().propose(value.getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (ProposalDroppedException e) {
      return false;
    }
  }

  /** Issues a ReadIndex at a random live node; its answer is checked when it comes. */
  void readSomewhere() {
    SimNode n = nodes.get(random.nextInt(nodes.size()));
    if (n.alive()) {
      String ctx = "r" + (readSeq++);
      checker.readIssued(ctx);
      n.raft().readIndex(ctx.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Starts a new member with empty storage and no peers (it learns the configuration from the
   * leader's log); it becomes a voter once the leader commits its ADD_NODE, proposed here.
   */
  SimNode addMember() throws ProposalDroppedException {
    int id = nodes.size() + 1;
    if (id > MAX_NODES) {
      throw new IllegalStateException("at most " + MAX_NODES + " nodes");
    }
    SimNode n = new SimNode(id, checker);
    nodes.add(n);
    n.start(config(id), List.of());
    leader().raft().proposeConfChange(new ConfChange(ConfChange.ConfChangeType.ADD_NODE, id, new byte[0]));
    return n;
  }

  /**
   * Proposes a learner at the leader, if there is one: a node that is not a member (its earlier
   * addition was lost with a deposed leader), or else a fresh node while there is room. Returns
   * the node, or null if nothing was proposed.
   */
  SimNode addLearner() {
    SimNode leader = leader();
    if (leader == null) {
      return null;
    }
    ConfState cs = leader.raft().confState();
    SimNode joiner = nodes.stream()
        .filter(n -> !cs.voters().contains(n.id()) && !cs.learners().contains(n.id()))
        .findFirst().orElse(null);
    if (joiner == null) {
      if (nodes.size() >= MAX_NODES) {
        return null;
      }
      joiner = new SimNode(nodes.size() + 1, checker);
      nodes.add(joiner);
      joiner.start(config(joiner.id()), List.of());
    }
    return proposeConfChange(leader, ConfChange.ConfChangeType.ADD_LEARNER_NODE, joiner.id()) ? joiner : null;
  }

  /** Proposes, at the leader, to make its learner {@code id} a voter; false if not proposed. */
  boolean promote(long id) {
    SimNode leader = leader();
    return leader != null && leader.raft().isLearner(id)
        && proposeConfChange(leader, ConfChange.ConfChangeType.ADD_NODE, id);
  }

  /** Promotes the leader's lowest-numbered learner, caught up or not; false if none or refused. */
  boolean promoteALearner() {
    SimNode leader = leader();
    if (leader == null || leader.raft().confState().learners().isEmpty()) {
      return false;
    }
    return promote(leader.raft().confState().learners().get(0));
  }

  private static boolean proposeConfChange(SimNode at, ConfChange.ConfChangeType type, long id) {
    try {
      at.raft().proposeConfChange(new ConfChange(type, id, new byte[0]));
      return true;
    } catch (ProposalDroppedException e) {
      return false; // another change in flight, or a transfer: the schedule moves on
    }
  }

  /** Whether {@code n} is a voter or learner in the configuration the leader applied. */
  boolean isMember(SimNode n) {
    SimNode leader = leader();
    if (leader == null) {
      return true;
    }
    ConfState cs = leader.raft().confState();
    return cs.voters().contains(n.id()) || cs.learners().contains(n.id());
  }

  void removeMember(int id) throws ProposalDroppedException {
    leader().raft().proposeConfChange(new ConfChange(ConfChange.ConfChangeType.REMOVE_NODE, id, new byte[0]));
  }

  void crash(int id) { node(id).crash(); }

  void restart(int id) {
    SimNode n = node(id);
    if (!n.alive()) {
      restarts++;
      n.start(config(id), id <= options.size() ? peers : List.of());
    }
  }

  void compact(int id) { node(id).compact(); }

  /** Ends every fault: all nodes up, no partition, no loss. */
  void healAll() {
    network.heal();
    network.setLossPercent(0);
    for (SimNode n : nodes) {
      restart((int) n.id());
    }
  }

  SimNode leader() {
    SimNode best = null;
    for (SimNode n : nodes) {
      if (n.isLeader() && (best == null || n.raft().status().term() > best.raft().status().term())) {
        best = n;
      }
    }
    return best;
  }

  /** Runs until a predicate holds or the step budget is spent; returns whether it held. */
  boolean runUntil(java.util.function.BooleanSupplier done, int maxSteps) {
    for (int i = 0; i < maxSteps; i++) {
      if (done.getAsBoolean()) {
        return true;
      }
      step();
    }
    return done.getAsBoolean();
  }

  void checkLogMatching() { checker.checkLogMatching(nodes); }
}
