package io.etcdj.jmh;

import io.etcdj.kvstore.Event;
import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreResult;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One Put under a directory watched (recursively, stream=true so they stay registered) by
 * {@code watchers} watchers: the cost of delivering one event to all of them. The listener only
 * counts, standing in for "hand the shared buffer to the channel's event loop".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WatchFanOutBenchmark {
  @Param({"10000"})
  int watchers;

  private Store store;
  private final LongAdder delivered = new LongAdder();
  private StoreCommand.Put[] commands;
  private int next;

  @Setup public void setUp() {
    store = new Store(1000);
    store.apply(new StoreCommand.Put("/fan", "", true, 0, false, StoreCommand.PrevExist.UNSET, "", 0,
        1_700_000_000_000L));
    for (int i = 0; i < watchers; i++) {
      Store.WatchResult r = store.watch("/fan", true, true, 0, this::onEvent);
      if (!(r instanceof Store.WatchResult.Registered)) throw new IllegalStateException("watch refused: " + r);
    }
    commands = new StoreCommand.Put[64];
    for (int i = 0; i < commands.length; i++) {
      commands[i] = new StoreCommand.Put("/fan/k" + i, "value-" + i, false, 0, false,
          StoreCommand.PrevExist.UNSET, "", 0, 1_700_000_000_000L);
    }
  }

  private void onEvent(Event event) {
    delivered.increment();
  }

  @Benchmark public StoreResult putDeliveredToAllWatchers() {
    StoreCommand.Put c = commands[next];
    next = (next + 1) & (commands.length - 1);
    return store.apply(c);
  }

  @TearDown public void checkDelivery() {
    if (delivered.sum() == 0) throw new IllegalStateException("no event was delivered to the watchers");
  }
}
