package io.etcdj.jmh;

import io.etcdj.raft.ConfChange;
import io.etcdj.raft.Entry;
import io.etcdj.raft.EntryType;
import io.etcdj.raft.MemoryLogStorage;
import io.etcdj.raft.Message;
import io.etcdj.raft.Peer;
import io.etcdj.raft.ProposalDroppedException;
import io.etcdj.raft.RaftConfig;
import io.etcdj.raft.RaftNode;
import io.etcdj.raft.Ready;
import io.etcdj.raft.Snapshot;
import io.etcdj.raft.SnapshotMetadata;
import io.etcdj.raft.StateRole;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Entries per second through a 3-node cluster of the pure Raft core: RaftNodes over
 * MemoryLogStorage, every message handed to its node in-process, no disk, no network, no clock.
 * One invocation proposes {@code batch} entries of 256 bytes at the leader and drives all three
 * nodes (persist, send, apply, advance) until every one has applied them: the protocol's own cost
 * per entry (Readys, appends and their answers, flow control, commit), the bound a member runtime
 * can approach. The {@code entries} counter is the figure to read (entries/s); the primary score
 * counts batches.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RaftStepBenchmark {
  private static final int NODES = 3;
  /** Logs are compacted past this many applied entries, so memory stays flat however long it runs. */
  private static final long COMPACT_EVERY = 50_000;

  @Param({"1", "64", "512"})
  int batch;

  /** Entries that went through, reported by JMH as a rate next to the batch rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    public long entries;

    @Setup(Level.Iteration) public void reset() { entries = 0; }
  }

  private final RaftNode[] nodes = new RaftNode[NODES];
  private final MemoryLogStorage[] storages = new MemoryLogStorage[NODES];
  private final long[] applied = new long[NODES];
  private final ArrayDeque<Message> inFlight = new ArrayDeque<>();
  private RaftNode leader;
  private byte[] payload;

  @Setup public void setUp() {
    List<Peer> peers = List.of(new Peer(1, new byte[0]), new Peer(2, new byte[0]), new Peer(3, new byte[0]));
    for (int i = 0; i < NODES; i++) {
      storages[i] = new MemoryLogStorage();
      RaftConfig config = new RaftConfig(i + 1, 10, 1, 1 << 20, 256, true, true, 0, i + 1);
      nodes[i] = RaftNode.create(config, storages[i], peers);
    }
    payload = new byte[256];
    drive();
    nodes[0].campaign();
    drive();
    leader = nodes[0];
    if (leader.status().role() != StateRole.LEADER) {
      throw new IllegalStateException("node 1 was not elected: " + leader.status());
    }
  }

  @Benchmark public long proposeBatchAndApplyEverywhere(Counters counters) throws ProposalDroppedException {
    for (int i = 0; i < batch; i++) {
      leader.propose(payload);
    }
    drive();
    counters.entries += batch;
    if (applied[0] - storages[0].firstIndex() > COMPACT_EVERY) {
      compact();
    }
    return applied[2];
  }

  /** Runs every node's Readys and delivers every message until the cluster is quiet. */
  private void drive() {
    boolean busy = true;
    while (busy) {
      busy = false;
      for (int i = 0; i < NODES; i++) {
        RaftNode n = nodes[i];
        while (n.hasReady()) {
          busy = true;
          handle(i, n.ready());
        }
      }
      while (!inFlight.isEmpty()) {
        busy = true;
        Message m = inFlight.poll();
        nodes[(int) m.to() - 1].step(m);
      }
    }
  }

  private void handle(int i, Ready rd) {
    storages[i].save(rd.hardState(), rd.entries(), rd.snapshot(), rd.mustSync());
    inFlight.addAll(rd.messages());
    for (Entry e : rd.committedEntries()) {
      if (e.type() == EntryType.CONF_CHANGE) {
        storages[i].saveConfState(nodes[i].applyConfChange(ConfChange.decode(e.data())));
      }
      applied[i] = e.index();
    }
    nodes[i].advance(rd);
  }

  private void compact() {
    for (int i = 0; i < NODES; i++) {
      long at = applied[i];
      Snapshot snap = new Snapshot(new SnapshotMetadata(at, storages[i].term(at),
          nodes[i].confState()), new byte[] {1});
      storages[i].compact(snap);
    }
  }
}
