package io.etcdj.kvstore;

import static io.etcdj.kvstore.Commands.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotTest {
  @Test
  void restoreKeepsIndexTtlsHistoryStatsAndNamespaces() {
    Store store = new Store(100, "/0", "/1");
    ok(store.apply(set("/1/a", "1")));
    ok(store.apply(setTtl("/1/t", "v", T0 + 5_000, T0)));
    err(store.apply(create("/1/a", "2")));
    Store restored = Store.restore(store.save(), 100);
    assertThat(restored.index()).isEqualTo(2);
    assertThat(restored.stats()).isEqualTo(store.stats());
    assertThat(restored.hasTtlKeys()).isTrue();
    assertThat(err(restored.apply(set("/1", "x"))).code()).isEqualTo(ErrorCode.ROOT_READ_ONLY);
    List<Event> replay = new ArrayList<>();
    restored.watch("/1/a", false, false, 1, replay::add);
    assertThat(replay).extracting(Event::index).containsExactly(1L);
    Event expired = ok(restored.apply(expire(T0 + 5_000)));
    assertThat(expired.node().key()).isEqualTo("/1/t");
  }

  @Test
  void recoverReplacesTheStateAndKeepsRegisteredWatchers() {
    Store leader = new Store(100);
    ok(leader.apply(set("/a", "1")));
    ok(leader.apply(set("/b", "1")));
    byte[] snapshot = leader.save();

    Store follower = new Store(100);
    ok(follower.apply(set("/stale", "x")));
    List<Event> seen = new ArrayList<>();
    follower.watch("/a", false, false, 0, seen::add);
    follower.recover(snapshot);

    assertThat(follower.index()).isEqualTo(2);
    assertThat(err(follower.get("/stale", false, false, T0)).code()).isEqualTo(ErrorCode.KEY_NOT_FOUND);
    assertThat(follower.stats().watchers()).isEqualTo(1);
    ok(follower.apply(set("/a", "2")));
    assertThat(seen).extracting(Event::index).containsExactly(3L);
  }

  @Test
  void restoreIntoASmallerHistoryKeepsTheNewestEvents() {
    Store store = new Store(100);
    for (int i = 0; i < 10; i++) {
      ok(store.apply(set("/k", Integer.toString(i))));
    }
    Store restored = Store.restore(store.save(), 4);
    Store.WatchResult r = restored.watch("/k", false, false, 6, e -> { });
    assertThat(((Store.WatchResult.Rejected) r).error().cause()).isEqualTo("the requested history has been cleared [7/6]");
  }

  @Test
  void aSnapshotKeepsOnlyEtcdsWorthOfHistoryWhateverTheCapacity() {
    int writes = StoreSnapshot.SAVED_HISTORY + 500;
    Store store = new Store(10 * writes);
    for (int i = 0; i < writes; i++) {
      ok(store.apply(set("/k", Integer.toString(i))));
    }
    Store restored = Store.restore(store.save(), 10 * writes);
    long oldestKept = writes - StoreSnapshot.SAVED_HISTORY + 1;
    Store.WatchResult r = restored.watch("/k", false, false, oldestKept - 1, e -> { });
    assertThat(((Store.WatchResult.Rejected) r).error().cause())
        .isEqualTo("the requested history has been cleared [" + oldestKept + "/" + (oldestKept - 1) + "]");
    List<Event> replay = new ArrayList<>();
    restored.watch("/k", false, false, oldestKept, replay::add);
    assertThat(replay).extracting(Event::index).containsExactly(oldestKept);
  }

  @Test
  void anEtcdStoreKeepsItsClientJsonHistoryAcrossARestore() {
    Store etcd = Store.etcdV2(100);
    ok(etcd.apply(set("/1/a", "x<y")));
    ok(etcd.apply(setTtl("/1/t", "v", T0 + 5_000, T0)));
    Store restored = Store.restore(etcd.save(), 100);
    List<Event> replay = new ArrayList<>();
    restored.watch("/1", true, true, 1, replay::add);
    assertThat(replay).extracting(e -> json(e.json(Store.KEYS_PREFIX)))
        .containsExactly(historyJson(etcd, 1), historyJson(etcd, 2));
    assertThat(replay.get(0).json(Store.KEYS_PREFIX).utf8()).contains("\"key\":\"/a\"", "x\\u003cy");
    assertThat(restored.save()).isEqualTo(etcd.save());
    ok(restored.apply(set("/1/a", "2")));
    assertThat(restored.index()).isEqualTo(3);
  }

  private static String historyJson(Store store, long index) {
    List<Event> one = new ArrayList<>();
    store.watch("/1", true, false, index, one::add);
    return json(one.get(0).json(Store.KEYS_PREFIX));
  }

  @Test
  void restoreRejectsBytesThatAreNotASnapshot() {
    assertThatThrownBy(() -> Store.restore(new byte[] {1, 2, 3}, 10)).isInstanceOf(IllegalArgumentException.class);
    Store store = new Store(10);
    byte[] truncated = java.util.Arrays.copyOf(store.save(), 5);
    assertThatThrownBy(() -> store.recover(truncated)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.index()).isZero();
  }
}
