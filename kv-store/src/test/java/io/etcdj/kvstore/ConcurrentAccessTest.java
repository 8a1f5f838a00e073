package io.etcdj.kvstore;

import static io.etcdj.kvstore.Commands.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Readers and watch registrations on other threads see consistent states while one thread applies. */
class ConcurrentAccessTest {
  @Test
  void readersNeverSeeAHalfAppliedWriteAndWatchersMissNothing() throws Exception {
    Store store = new Store(100_000);
    int writes = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(3);
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<Long> streamed = new ConcurrentLinkedQueue<>();
    List<Future<?>> readers = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      readers.add(pool.submit(() -> {
        start.await();
        long lastSeen = 0;
        while (lastSeen < writes) {
          StoreResult res = store.get("/d", true, false, T0);
          if (res instanceof StoreResult.Ok ok) {
            NodeView d = ok.event().node();
            // one key, rewritten each time: its modifiedIndex can only move forward, never past etcdIndex
            long modified = d.nodes().get(0).modifiedIndex();
            assertThat(modified).isGreaterThanOrEqualTo(lastSeen).isLessThanOrEqualTo(ok.event().etcdIndex());
            lastSeen = modified;
          }
        }
        return null;
      }));
    }
    Future<?> watcher = pool.submit(() -> {
      start.await();
      store.watch("/d", true, true, 1, e -> streamed.add(e.index()));
      return null;
    });
    start.countDown();
    for (int i = 1; i <= writes; i++) {
      ok(store.apply(set("/d/k", Integer.toString(i))));
    }
    watcher.get(30, TimeUnit.SECONDS);
    for (Future<?> f : readers) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    List<Long> expected = new ArrayList<>();
    for (long i = 1; i <= writes; i++) {
      expected.add(i);
    }
    assertThat(new ArrayList<>(streamed)).isEqualTo(expected);
  }
}
