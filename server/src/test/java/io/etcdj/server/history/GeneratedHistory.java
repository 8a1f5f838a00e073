package io.etcdj.server.history;

import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A history that is linearizable by construction: a random sequential run against the real v2
 * {@link Store}, each operation then given a random interval around its moment in that run, so
 * intervals overlap heavily but the run's order is always a valid linearization. Some operations
 * lose their answer (unknown outcome): of those, some took effect and some never did.
 *
 * <p>Keeps what the generator knows (each operation's moment and the key's state around it) so
 * tests can break the history in ways that are sure to be detectable.
 */
record GeneratedHistory(History history, List<Truth> truths) {

  /**
   * How a history is generated.
   *
   * @param overlapTicks how far an interval may reach either side of its moment; moments are 1-3
   *     ticks apart, so about overlapTicks/2 operations are in flight at once
   * @param plainReadPercent share of reads that are plain (local) reads at some member
   */
  record Shape(int operations, int keys, int clients, int members, int unknownPercent, int plainReadPercent,
               int overlapTicks) {
    static Shape quorumOnly(int operations, int keys, int unknownPercent, int overlapTicks) {
      return new Shape(operations, keys, 8, 3, unknownPercent, 0, overlapTicks);
    }
  }

  /**
   * What the generator knows of one operation.
   *
   * @param momentTick when it took effect in the sequential run; meaningless unless applied
   * @param applied whether it took effect (always, for operations with a known answer)
   * @param before the key's state just before it, as the store had it: empty when absent
   * @param beforeIndex the key's modifiedIndex then (0 when absent)
   */
  record Truth(long momentTick, boolean applied, Optional<String> before, long beforeIndex) {}

  private static final String[] VALUES = {"a", "b", "c"};

  static GeneratedHistory generate(long seed, Shape shape) {
    Random rnd = new Random(seed);
    Store store = new Store(16);
    // per key: (write count, state) after each write, so a lagging member can read the past
    Map<String, List<long[]>> versionIndex = new HashMap<>();
    Map<String, List<String>> versionValue = new HashMap<>();
    int writes = 0;
    int[] memberApplied = new int[shape.members()];
    List<Object[]> drafts = new ArrayList<>();
    long tick = 1000;
    for (int i = 0; i < shape.operations(); i++) {
      tick += 1 + rnd.nextInt(3);
      String key = "/k" + rnd.nextInt(shape.keys());
      int client = rnd.nextInt(shape.clients());
      Input input = randomInput(rnd, key, shape);
      boolean unknown = !(input instanceof Input.PlainGet) && rnd.nextInt(100) < shape.unknownPercent();
      boolean applied = !unknown || rnd.nextBoolean();
      Optional<String> before = read(store, key).map(NodeState::value);
      long beforeIndex = read(store, key).map(NodeState::index).orElse(0L);
      Output output = null;
      if (input instanceof Input.PlainGet pg) {
        int m = pg.member();
        memberApplied[m] += rnd.nextInt(writes - memberApplied[m] + 1);
        output = readAt(versionIndex.get(key), versionValue.get(key), memberApplied[m]);
      } else if (applied) {
        output = execute(store, (Input.Linearizable) input, tick);
        if (output instanceof Output.Ok) {
          writes++;
          Optional<NodeState> after = read(store, key);
          versionIndex.computeIfAbsent(key, k -> new ArrayList<>())
              .add(new long[] {writes, after.map(NodeState::index).orElse(-1L)});
          versionValue.computeIfAbsent(key, k -> new ArrayList<>()).add(after.map(NodeState::value).orElse(""));
        }
      }
      long invoke = tick - rnd.nextInt(shape.overlapTicks() + 1);
      long ret = tick + rnd.nextInt(shape.overlapTicks() + 1);
      drafts.add(new Object[] {client, input, invoke, unknown ? null : new Outcome.Returned(ret, output),
          new Truth(tick, applied, before, beforeIndex)});
    }
    drafts.sort(Comparator.comparingLong(d -> (long) d[2]));
    List<Operation> ops = new ArrayList<>();
    List<Truth> truths = new ArrayList<>();
    for (Object[] d : drafts) {
      Outcome outcome = d[3] == null ? Outcome.Unknown.INSTANCE : (Outcome) d[3];
      ops.add(new Operation(ops.size(), (int) d[0], (Input) d[1], (long) d[2], outcome));
      truths.add((Truth) d[4]);
    }
    return new GeneratedHistory(new History(ops), truths);
  }

  private static Input randomInput(Random rnd, String key, Shape shape) {
    String v = VALUES[rnd.nextInt(VALUES.length)];
    String p = VALUES[rnd.nextInt(VALUES.length)];
    int kind = rnd.nextInt(10);
    if (kind < 4) {
      boolean plain = rnd.nextInt(100) < shape.plainReadPercent();
      return plain ? new Input.PlainGet(key, rnd.nextInt(shape.members())) : new Input.Get(key);
    }
    return switch (kind) {
      case 4, 5 -> new Input.Put(key, v);
      case 6, 7 -> new Input.CompareAndSwap(key, p, v);
      case 8 -> new Input.CompareAndDelete(key, p);
      default -> new Input.Delete(key);
    };
  }

  /** The key as a member that applied the first {@code applied} writes has it. */
  private static Output readAt(List<long[]> indexes, List<String> values, int applied) {
    Output out = Output.NotFound.INSTANCE;
    if (indexes == null) {
      return out;
    }
    for (int i = 0; i < indexes.size() && indexes.get(i)[0] <= applied; i++) {
      long index = indexes.get(i)[1];
      out = index < 0 ? Output.NotFound.INSTANCE : new Output.Found(values.get(i), index);
    }
    return out;
  }

  private record NodeState(String value, long index) {}

  private static Optional<NodeState> read(Store store, String key) {
    StoreResult r = store.get(key, false, false, 0);
    return r instanceof StoreResult.Ok ok
        ? Optional.of(new NodeState(ok.event().node().value(), ok.event().node().modifiedIndex()))
        : Optional.empty();
  }

  /** Applies {@code input} to the real store and answers as the v2 API would. */
  private static Output execute(Store store, Input.Linearizable input, long tick) {
    if (input instanceof Input.Get g) {
      return read(store, g.key()).<Output>map(n -> new Output.Found(n.value(), n.index()))
          .orElse(Output.NotFound.INSTANCE);
    }
    StoreCommand command;
    if (input instanceof Input.Put p) {
      command = new StoreCommand.Put(p.key(), p.value(), false, 0, false, StoreCommand.PrevExist.UNSET, "", 0, tick);
    } else if (input instanceof Input.CompareAndSwap c) {
      command = new StoreCommand.Put(c.key(), c.value(), false, 0, false, StoreCommand.PrevExist.UNSET,
          c.prevValue(), 0, tick);
    } else if (input instanceof Input.CompareAndDelete c) {
      command = new StoreCommand.Delete(c.key(), false, false, c.prevValue(), 0, tick);
    } else {
      command = new StoreCommand.Delete(input.key(), false, false, "", 0, tick);
    }
    StoreResult r = store.apply(command);
    if (r instanceof StoreResult.Err err) {
      return new Output.Err(err.error().code());
    }
    var event = ((StoreResult.Ok) r).event();
    Optional<String> prev = event.prevNode() == null ? Optional.empty() : Optional.of(event.prevNode().value());
    return new Output.Ok(event.node().modifiedIndex(), prev);
  }
}
