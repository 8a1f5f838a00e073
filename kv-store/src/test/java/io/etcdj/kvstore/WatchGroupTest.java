package io.etcdj.kvstore;

import static io.etcdj.kvstore.Commands.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Watchers of a {@link WatchGroup}: the apply thread hands events to the group, and its consumer
 * (here the test thread, running the tasks it was given) delivers them in one pass. They must
 * see exactly what the hub's own watchers see.
 */
class WatchGroupTest {
  /** A consumer thread stand-in: tasks wait until the test runs them. */
  private static class TaskQueue implements WatchGroup.Consumer {
    final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    int passes;
    boolean inPass;

    @Override public boolean inConsumerThread() { return true; }
    @Override public void execute(Runnable task) { tasks.add(task); }
    @Override public void passStarted() { inPass = true; }
    @Override public void passEnded() { inPass = false; passes++; }

    boolean running;

    void runAll() {
      running = true;
      for (Runnable t = tasks.poll(); t != null; t = tasks.poll()) {
        t.run();
      }
      running = false;
    }
  }

  private final Store store = new Store(1000);
  private final TaskQueue consumer = new TaskQueue();
  private final WatchGroup group = store.newWatchGroup(consumer);

  private Watcher watch(WatchGroup g, String key, boolean recursive, boolean stream, long since, List<Event> seen) {
    Store.WatchResult r = g.watch(key, recursive, stream, since, seen::add);
    assertThat(r).isInstanceOf(Store.WatchResult.Registered.class);
    return ((Store.WatchResult.Registered) r).watcher();
  }

  @Test
  void oneEventToManyWatchersIsOneTaskAndOnePassOnTheConsumer() {
    List<Event> seen = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      watch(group, "/d", true, false, 0, seen);
    }
    ok(store.apply(set("/d/k", "1")));
    assertThat(seen).isEmpty(); // nothing is delivered on the apply thread
    assertThat(consumer.tasks).hasSize(1);
    consumer.runAll();
    assertThat(seen).hasSize(100).allMatch(e -> e.node().key().equals("/d/k"));
    assertThat(consumer.passes).isEqualTo(1);
    assertThat(store.stats().watchers()).isZero();
  }

  @Test
  void eventsAppliedBeforeThePassAreDeliveredInOnePassInIndexOrder() {
    List<Event> seen = new ArrayList<>();
    watch(group, "/d", true, true, 0, seen);
    ok(store.apply(set("/d/a", "1")));
    ok(store.apply(set("/d/b", "2")));
    ok(store.apply(set("/other", "3")));
    ok(store.apply(set("/d/c", "4")));
    assertThat(consumer.tasks).hasSize(1);
    consumer.runAll();
    assertThat(seen).extracting(e -> e.node().key()).containsExactly("/d/a", "/d/b", "/d/c");
    assertThat(consumer.passes).isEqualTo(1);
  }

  @Test
  void watcherRegisteredWhileAnEarlierEventWaitsForThePassDoesNotReceiveIt() {
    List<Event> early = new ArrayList<>();
    List<Event> late = new ArrayList<>();
    watch(group, "/d", true, false, 0, early);
    ok(store.apply(set("/d/a", "1")));
    watch(group, "/d", true, false, 0, late); // from index 2 on
    consumer.runAll();
    assertThat(early).extracting(Event::index).containsExactly(1L);
    assertThat(late).isEmpty();
    ok(store.apply(set("/d/b", "2")));
    consumer.runAll();
    assertThat(late).extracting(Event::index).containsExactly(2L);
  }

  @Test
  void reArmedWatcherWithAWaitIndexInTheHistoryIsAnsweredAtRegistration() {
    ok(store.apply(set("/d/a", "1")));
    ok(store.apply(set("/d/b", "2")));
    List<Event> seen = new ArrayList<>();
    watch(group, "/d", true, false, 2, seen);
    assertThat(seen).extracting(Event::index).containsExactly(2L);
    assertThat(consumer.tasks).isEmpty();
    assertThat(store.stats().watchers()).isZero();
  }

  @Test
  void streamWatcherReplaysTheHistoryThenGetsNewEventsOnce() {
    ok(store.apply(set("/d/a", "1")));
    ok(store.apply(set("/d/b", "2")));
    List<Event> seen = new ArrayList<>();
    watch(group, "/d", true, true, 1, seen);
    assertThat(seen).extracting(Event::index).containsExactly(1L, 2L);
    ok(store.apply(set("/d/c", "3")));
    consumer.runAll();
    assertThat(seen).extracting(Event::index).containsExactly(1L, 2L, 3L);
  }

  @Test
  void cancelledBeforeThePassTheWatcherGetsNothingAndIsNoLongerCounted() {
    List<Event> seen = new ArrayList<>();
    Watcher w = watch(group, "/d", true, true, 0, seen);
    assertThat(store.stats().watchers()).isEqualTo(1);
    ok(store.apply(set("/d/a", "1")));
    w.cancel();
    consumer.runAll();
    assertThat(seen).isEmpty();
    assertThat(store.stats().watchers()).isZero();
  }

  @Test
  void keyLeftByItsLastWatcherStopsWakingTheGroupAfterItsNextRegistration() {
    List<Event> seen = new ArrayList<>();
    watch(group, "/a", false, false, 0, seen);
    ok(store.apply(set("/a", "1")));
    consumer.runAll();
    watch(group, "/b", false, false, 0, seen); // drops the group's interest in "/a"
    ok(store.apply(set("/a", "2")));
    assertThat(consumer.tasks).isEmpty();
    ok(store.apply(set("/b", "3")));
    assertThat(consumer.tasks).hasSize(1);
  }

  @Test
  void cancelFromAnotherThreadIsCarriedOutOnTheConsumer() {
    TaskQueue elsewhere = new TaskQueue() {
      @Override public boolean inConsumerThread() { return running; } // the test is "another thread" until it runs the tasks
    };
    WatchGroup g = store.newWatchGroup(elsewhere);
    List<Event> seen = new ArrayList<>();
    Store.WatchResult r = g.watch("/d", true, true, 0, seen::add);
    Watcher w = ((Store.WatchResult.Registered) r).watcher();
    w.cancel();
    assertThat(store.stats().watchers()).isEqualTo(1);
    assertThat(elsewhere.tasks).hasSize(1);
    elsewhere.runAll();
    assertThat(store.stats().watchers()).isZero();
  }

  @Test
  void watchBeyondTheHistoryIsRefusedWith401() {
    Store small = new Store(2);
    WatchGroup g = small.newWatchGroup(consumer);
    for (int i = 0; i < 5; i++) {
      ok(small.apply(set("/d/" + i, "v")));
    }
    Store.WatchResult r = g.watch("/d", true, false, 1, e -> { });
    assertThat(r).isInstanceOf(Store.WatchResult.Rejected.class);
    assertThat(((Store.WatchResult.Rejected) r).error().code()).isEqualTo(ErrorCode.EVENT_INDEX_CLEARED);
  }

  @Provide
  Arbitrary<LongFunction<StoreCommand>> command() {
    return RandomCommands.commands(true);
  }

  /** One watcher spec, watched both ways; long-polls re-arm after each event (as clients do). */
  private static final class Pair {
    final String key;
    final boolean recursive;
    final boolean stream;
    final List<Event> direct = new ArrayList<>();
    final List<Event> grouped = new ArrayList<>();
    int armedAt; // events received when this long-poll was last armed

    Pair(String key, boolean recursive, boolean stream) {
      this.key = key;
      this.recursive = recursive;
      this.stream = stream;
    }

    List<String> seen(List<Event> events) {
      return events.stream().map(e -> e.index() + " " + e.action() + " " + e.node().key()).toList();
    }
  }

  @Property(tries = 300, seed = "20261202")
  void groupWatchersSeeExactlyWhatHubWatchersSee(@ForAll @Size(min = 1, max = 40)
      List<@From("command") LongFunction<StoreCommand>> script) {
    Store s = new Store(1000);
    TaskQueue q = new TaskQueue();
    WatchGroup g = s.newWatchGroup(q);
    List<Pair> pairs = new ArrayList<>();
    for (String key : List.of("/", "/a", "/b", "/a/b", "/a/b/c", "/_h", "/a/_h")) {
      for (boolean recursive : new boolean[] {false, true}) {
        for (boolean stream : new boolean[] {false, true}) {
          Pair p = new Pair(key, recursive, stream);
          pairs.add(p);
          s.watch(key, recursive, stream, 0, p.direct::add);
          g.watch(key, recursive, stream, 0, p.grouped::add);
        }
      }
    }
    for (int i = 0; i < script.size(); i++) {
      s.apply(script.get(i).apply(T0 + i * 1000L));
      q.runAll();
      for (Pair p : pairs) {
        assertThat(p.seen(p.grouped)).as("%s recursive=%s stream=%s", p.key, p.recursive, p.stream)
            .isEqualTo(p.seen(p.direct));
        while (!p.stream && p.direct.size() > p.armedAt) {
          p.armedAt = p.direct.size();
          long next = p.direct.get(p.direct.size() - 1).index() + 1;
          s.watch(p.key, p.recursive, false, next, p.direct::add);
          g.watch(p.key, p.recursive, false, next, p.grouped::add);
          assertThat(p.seen(p.grouped)).isEqualTo(p.seen(p.direct));
        }
      }
    }
  }
}
