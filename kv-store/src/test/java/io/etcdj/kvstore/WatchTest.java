package io.etcdj.kvstore;

import static io.etcdj.kvstore.Commands.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchTest {
  private final Store store = new Store(1000);
  private final List<Event> seen = new ArrayList<>();

  private Watcher watch(String key, boolean recursive, boolean stream, long since) {
    Store.WatchResult r = store.watch(key, recursive, stream, since, seen::add);
    assertThat(r).isInstanceOf(Store.WatchResult.Registered.class);
    return ((Store.WatchResult.Registered) r).watcher();
  }

  private List<String> seenKeys() {
    return seen.stream().map(e -> e.action() + " " + e.node().key()).toList();
  }

  @Test
  void nonStreamWatcherGetsTheFirstEventOnItsKeyAndIsThenRemoved() {
    watch("/k", false, false, 0);
    assertThat(store.stats().watchers()).isEqualTo(1);
    ok(store.apply(set("/other", "1")));
    ok(store.apply(set("/k", "1")));
    ok(store.apply(set("/k", "2")));
    assertThat(seenKeys()).containsExactly("set /k");
    assertThat(store.stats().watchers()).isZero();
  }

  @Test
  void nonRecursiveWatcherIgnoresChildren() {
    watch("/d", false, true, 0);
    ok(store.apply(set("/d/k", "1")));
    assertThat(seen).isEmpty();
  }

  @Test
  void recursiveWatcherSeesEventsBelowItsKey() {
    watch("/d", true, false, 0);
    ok(store.apply(set("/dx", "1")));
    ok(store.apply(set("/d/a/b", "1")));
    assertThat(seenKeys()).containsExactly("set /d/a/b");
  }

  @Test
  void recursiveWatcherOnRootSeesEverything() {
    watch("/", true, true, 0);
    ok(store.apply(set("/a", "1")));
    ok(store.apply(set("/b/c", "1")));
    ok(store.apply(delete("/a")));
    assertThat(seenKeys()).containsExactly("set /a", "set /b/c", "delete /a");
  }

  @Test
  void streamWatcherGetsEveryEventAndStopsWhenCancelled() {
    Watcher w = watch("/k", false, true, 0);
    ok(store.apply(set("/k", "1")));
    ok(store.apply(set("/k", "2")));
    w.cancel();
    w.cancel();
    ok(store.apply(set("/k", "3")));
    assertThat(seen).extracting(Event::index).containsExactly(1L, 2L);
    assertThat(store.stats().watchers()).isZero();
  }

  @Test
  void recursiveWatchersDoNotSeeHiddenKeysButDirectWatchersDo() {
    watch("/", true, true, 0);
    watch("/d", true, true, 0);
    ok(store.apply(set("/_h", "1")));
    ok(store.apply(set("/d/_h/x", "1")));
    ok(store.apply(set("/d/v", "1")));
    assertThat(seenKeys()).containsExactly("set /d/v", "set /d/v");
    seen.clear();
    watch("/d/_h/x", false, false, 0);
    ok(store.apply(set("/d/_h/x", "2")));
    assertThat(seenKeys()).containsExactly("set /d/_h/x");
  }

  @Test
  void deletingADirectoryNotifiesWatchersOfKeysInsideIt() {
    ok(store.apply(set("/d/k", "1")));
    watch("/d/k", false, false, 0);
    ok(store.apply(deleteDir("/d", true)));
    assertThat(seenKeys()).containsExactly("delete /d");
  }

  @Test
  void streamWatcherOnADeletedKeyGetsTheEventTwiceAsInEtcd() {
    ok(store.apply(set("/w/x", "1")));
    watch("/w/x", false, true, 0);
    ok(store.apply(delete("/w/x")));
    assertThat(seenKeys()).containsExactly("delete /w/x", "delete /w/x");
  }

  @Test
  void expiringADirectoryNotifiesWatchersInside() {
    ok(store.apply(new StoreCommand.Put("/d", "", true, T0 + 1_000, false, StoreCommand.PrevExist.UNSET, "", 0, T0)));
    ok(store.apply(set("/d/k", "1")));
    watch("/d/k", false, false, 0);
    ok(store.apply(expire(T0 + 1_000)));
    assertThat(seenKeys()).containsExactly("expire /d");
  }

  @Test
  void sinceIndexInTheHistoryIsAnsweredAtOnceWithTheCurrentIndex() {
    ok(store.apply(set("/k", "1")));
    ok(store.apply(set("/other", "1")));
    ok(store.apply(set("/k", "2")));
    Watcher w = watch("/k", false, false, 2);
    assertThat(seen).extracting(Event::index).containsExactly(3L);
    assertThat(seen.get(0).etcdIndex()).isEqualTo(3);
    assertThat(w.startIndex()).isEqualTo(3);
    assertThat(store.stats().watchers()).isZero();
  }

  @Test
  void historyMatchesADeletedParentDirectoryOfTheWatchedKey() {
    ok(store.apply(set("/d/k", "1")));
    ok(store.apply(deleteDir("/d", true)));
    watch("/d/k", false, false, 2);
    assertThat(seenKeys()).containsExactly("delete /d");
  }

  @Test
  void streamWatcherWithSinceIndexReplaysTheHistoryThenKeepsWatching() {
    ok(store.apply(set("/k", "1")));
    ok(store.apply(set("/k", "2")));
    watch("/k", false, true, 1);
    ok(store.apply(set("/k", "3")));
    assertThat(seen).extracting(Event::index).containsExactly(1L, 2L, 3L);
  }

  @Test
  void sinceIndexInTheFutureWaitsForThatIndex() {
    ok(store.apply(set("/k", "1")));
    watch("/k", false, false, 3);
    ok(store.apply(set("/k", "2")));
    assertThat(seen).isEmpty();
    ok(store.apply(set("/k", "3")));
    assertThat(seen).extracting(Event::index).containsExactly(3L);
  }

  @Test
  void sinceIndexOlderThanTheHistoryIsRejectedWith401AsEtcdAtCapacity1000() {
    for (int i = 0; i < 1005; i++) {
      ok(store.apply(set("/k", Integer.toString(i))));
    }
    Store.WatchResult r = store.watch("/k", false, false, 5, seen::add);
    StoreError e = ((Store.WatchResult.Rejected) r).error();
    assertThat(json(e.toJson())).isEqualTo("{\"errorCode\":401,\"message\":\"The event in requested index is "
        + "outdated and cleared\",\"cause\":\"the requested history has been cleared [6/5]\",\"index\":1005}\n");
    watch("/k", false, false, 6);
    assertThat(seen).extracting(Event::index).containsExactly(6L);
  }

  @Test
  void listenerThatThrowsLosesItsWatchButDoesNotBreakTheStore() {
    store.watch("/k", false, true, 0, e -> {
      throw new IllegalStateException("consumer bug");
    });
    ok(store.apply(set("/k", "1")));
    assertThat(store.stats().watchers()).isZero();
    ok(store.apply(set("/k", "2")));
  }

  @Test
  void eventJsonIsSharedByEveryWatcher() {
    List<Event> other = new ArrayList<>();
    watch("/", true, false, 0);
    store.watch("/k", false, false, 0, other::add);
    ok(store.apply(set("/k", "1")));
    assertThat(seen.get(0)).isSameAs(other.get(0));
    assertThat(seen.get(0).json()).isSameAs(other.get(0).json());
  }

  @Test
  void anEtcdStoreReplaysTheClientJsonFromItsHistory() {
    Store etcd = Store.etcdV2(100);
    Event written = ok(etcd.apply(set("/1/svc/a", "10.0.0.1")));
    ok(etcd.apply(set("/1/svc/b", "10.0.0.2")));
    List<Event> replay = new ArrayList<>();
    etcd.watch("/1/svc", true, false, written.index(), replay::add);
    Event replayed = replay.get(0);
    assertThat(json(replayed.json(Store.KEYS_PREFIX))).isEqualTo(
        "{\"action\":\"set\",\"node\":{\"key\":\"/svc/a\",\"value\":\"10.0.0.1\",\"modifiedIndex\":1,\"createdIndex\":1}}\n");
    assertThat(replayed.etcdIndex()).isEqualTo(2);
    // the live event hands out the very bytes the history keeps
    assertThat(written.json(Store.KEYS_PREFIX).array()).isSameAs(replayed.json(Store.KEYS_PREFIX).array());
    // the history keeps no values to re-encode from: another prefix is a programming error
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> replayed.json(""))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aDeletedDirectoryStillReachesWatchersOfKeysBelowItFromHistory() {
    ok(store.apply(set("/d/k", "1")));
    long deleted = ok(store.apply(deleteDir("/d", true))).index();
    watch("/d/k", false, false, deleted);
    assertThat(seenKeys()).containsExactly("delete /d");
    assertThat(seen.get(0).prevNode().dir()).isTrue();
  }
}
