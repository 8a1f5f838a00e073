package io.etcdj.jmh;

import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Store.apply of Put commands over a key space of {@code keys} keys (so both creates and
 * replaces), with a 256-byte value and no watchers: the apply thread's cost per write.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StoreApplyBenchmark {
  @Param({"10000"})
  int keys;

  private Store store;
  private StoreCommand.Put[] commands;
  private int next;

  @Setup public void setUp() {
    store = new Store(1000);
    String value = "x".repeat(256);
    commands = new StoreCommand.Put[keys];
    for (int i = 0; i < keys; i++) {
      commands[i] = new StoreCommand.Put("/bench/k" + i, value, false, 0, false,
          StoreCommand.PrevExist.UNSET, "", 0, 1_700_000_000_000L);
    }
  }

  @Benchmark public StoreResult applyPut() {
    StoreCommand.Put c = commands[next];
    next = next + 1 == commands.length ? 0 : next + 1;
    return store.apply(c);
  }
}
