package io.etcdj.jmh;

import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreCommand;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The live heap the store holds per key: each iteration fills an empty etcd v2 store
 * ({@link Store#etcdV2}) with {@code keys} keys of {@code valueSize}-byte values, as the bench's
 * {@code mem} command writes them, and reports the heap in use after a full GC, before and after,
 * per key: the secondary result {@code bytesPerKey} (not counting the empty store's own fixed
 * cost). The primary result is the time of the fill, a full GC included.
 * The history keeps only {@code history} events (etcd's 1,000 by default), so the figure is the
 * tree's and not the server's 100,000-event history's.
 *
 * <p>Run: {@code java -jar jmh/target/benchmarks.jar StoreMemoryBenchmark}, without {@code -i}:
 * JMH sums an EVENTS counter over the measured iterations, so there is one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
// one measured iteration: JMH reports the sum of an EVENTS counter over the iterations
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StoreMemoryBenchmark {
  @Param({"200000"})
  int keys;

  @Param({"128"})
  int valueSize;

  @Param({"1000"})
  int history;

  private char[] value;

  /** JMH's auxiliary counter: reported beside the time, as its own line. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Footprint {
    public double bytesPerKey;

    @Setup(Level.Iteration) public void clear() {
      bytesPerKey = 0;
    }
  }

  @Setup(Level.Trial) public void setUp() {
    value = "v".repeat(valueSize).toCharArray();
  }

  /**
   * The command for key {@code i}, made afresh with its own path and value strings as decoding a
   * log entry makes them: a store that kept the command's strings must be charged for them.
   */
  private StoreCommand.Put command(int i) {
    return new StoreCommand.Put("/1/bench-mem/keys/k" + i, new String(value), false, 0, false,
        StoreCommand.PrevExist.UNSET, "", 0, 1_700_000_000_000L);
  }

  /** Returns the store so that it is still reachable when the heap is counted after the fill. */
  @Benchmark public Store fill(Footprint footprint) {
    // the empty store's own fixed cost (e.g. the history's first slab) is not per key
    Store filled = Store.etcdV2(history);
    long before = usedHeapAfterGc();
    for (int i = 0; i < keys; i++) {
      filled.apply(command(i));
    }
    long after = usedHeapAfterGc();
    footprint.bytesPerKey = (after - before) / (double) keys;
    return filled;
  }

  private static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    // later collections catch what an earlier one only made unreachable (e.g. finalizable objects)
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
