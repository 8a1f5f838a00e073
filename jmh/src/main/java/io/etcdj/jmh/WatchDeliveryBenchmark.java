package io.etcdj.jmh;

import io.etcdj.kvstore.Event;
import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.WatchGroup;
import io.etcdj.kvstore.WatchListener;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The store's share of one watch delivery, as WatchLatency drives it: {@value #WATCHERS}
 * long-poll watchers of /svc (recursive), one PUT under it, every watcher handed the event and
 * re-armed with waitIndex = its index + 1. Score: time per delivery (the PUT, the hand-over and
 * the re-registration, divided by the watchers).
 *
 * <p>{@code path=group}: the watchers belong to a {@link WatchGroup} whose consumer runs on the
 * benchmark thread (as an event loop would: one pass over its watchers per event).
 * {@code path=hub}: each watcher is registered on its own and called by the apply side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WatchDeliveryBenchmark {
  static final int WATCHERS = 1000;

  @Param({"group", "hub"})
  String path;

  private Store store;
  private WatchGroup group;
  private final ArrayDeque<Runnable> consumerTasks = new ArrayDeque<>();
  private final Rearming[] watchers = new Rearming[WATCHERS];
  private StoreCommand.Put[] commands;
  private int next;
  private long delivered;

  /** A long-poll client: takes one event, then asks again from the index after it. */
  private final class Rearming implements WatchListener {
    long waitIndex;
    boolean done;

    @Override public void onEvent(Event event) {
      delivered++;
      waitIndex = event.index() + 1;
      done = true;
    }

    void arm() {
      done = false;
      Store.WatchResult r = group != null
          ? group.watch("/svc", true, false, waitIndex, this)
          : store.watch("/svc", true, false, waitIndex, this);
      if (!(r instanceof Store.WatchResult.Registered)) {
        throw new IllegalStateException("watch refused: " + r);
      }
    }
  }

  @Setup public void setUp() {
    store = new Store(1000);
    store.apply(new StoreCommand.Put("/svc", "", true, 0, false, StoreCommand.PrevExist.UNSET, "", 0,
        1_700_000_000_000L));
    if (path.equals("group")) {
      group = store.newWatchGroup(new WatchGroup.Consumer() {
        @Override public boolean inConsumerThread() { return true; }
        @Override public void execute(Runnable task) { consumerTasks.add(task); }
        @Override public void passStarted() { }
        @Override public void passEnded() { }
      });
    }
    commands = new StoreCommand.Put[100];
    for (int i = 0; i < commands.length; i++) {
      commands[i] = new StoreCommand.Put("/svc/k" + i, "value-" + i, false, 0, false,
          StoreCommand.PrevExist.UNSET, "", 0, 1_700_000_000_000L);
    }
    for (int i = 0; i < WATCHERS; i++) {
      watchers[i] = new Rearming();
      watchers[i].waitIndex = store.index() + 1;
      watchers[i].arm();
    }
  }

  @Benchmark
  @OperationsPerInvocation(WATCHERS)
  public long putDeliveredToEveryWatcherThenReArmed() {
    store.apply(commands[next]);
    next = (next + 1) % commands.length;
    for (Runnable t = consumerTasks.poll(); t != null; t = consumerTasks.poll()) {
      t.run();
    }
    for (Rearming w : watchers) {
      if (w.done) {
        w.arm();
      }
    }
    return delivered;
  }

  @TearDown public void checkDelivery() {
    if (delivered == 0) {
      throw new IllegalStateException("no event was delivered to the watchers");
    }
  }
}
