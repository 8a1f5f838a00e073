package io.etcdj.kvstore;

import static io.etcdj.kvstore.Commands.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TtlTest {
  private final Store store = new Store(1000);

  @Test
  void eventShowsExpirationInRfc3339NanoAndTtlRoundedUp() {
    Event e = ok(store.apply(setTtl("/k", "v", T0 + 10_500, T0)));
    assertThat(e.node().expiration()).isEqualTo("2025-11-24T16:00:10.5Z");
    assertThat(e.node().ttlSeconds()).isEqualTo(11);
    assertThat(json(e)).isEqualTo("{\"action\":\"set\",\"node\":{\"key\":\"/k\",\"value\":\"v\","
        + "\"expiration\":\"2025-11-24T16:00:10.5Z\",\"ttl\":11,\"modifiedIndex\":1,\"createdIndex\":1}}\n");
  }

  @Test
  void expirationOmitsAZeroFraction() {
    Event e = ok(store.apply(setTtl("/k", "v", T0 + 5_000, T0)));
    assertThat(e.node().expiration()).isEqualTo("2025-11-24T16:00:05Z");
    assertThat(e.node().ttlSeconds()).isEqualTo(5);
    assertThat(Rfc3339.formatUtcMs(T0 + 123)).isEqualTo("2025-11-24T16:00:00.123Z");
    assertThat(Rfc3339.formatUtcMs(T0 + 120)).isEqualTo("2025-11-24T16:00:00.12Z");
  }

  @Test
  void getComputesTtlAgainstTheReadersClock() {
    ok(store.apply(setTtl("/k", "v", T0 + 10_000, T0)));
    assertThat(ok(store.get("/k", false, false, T0 + 2_500)).node().ttlSeconds()).isEqualTo(8);
    // past its expiration but not yet expired: etcd truncates toward zero, and omits a zero ttl
    assertThat(ok(store.get("/k", false, false, T0 + 10_400)).node().ttlSeconds()).isZero();
    assertThat(ok(store.get("/k", false, false, T0 + 12_000)).node().ttlSeconds()).isEqualTo(-2);
  }

  @Test
  void expireRemovesKeysAtOrBeforeTheTickWithOneEventEach() {
    ok(store.apply(setTtl("/a", "1", T0 + 1_000, T0)));
    ok(store.apply(setTtl("/b", "2", T0 + 2_000, T0)));
    ok(store.apply(setTtl("/c", "3", T0 + 3_000, T0)));
    assertThat(store.hasTtlKeys()).isTrue();
    Event last = ok(store.apply(expire(T0 + 2_000)));
    assertThat(last.action()).isEqualTo("expire");
    assertThat(last.node()).isEqualTo(new NodeView("/b", false, null, 2, 5, null, 0, null));
    assertThat(last.prevNode().value()).isEqualTo("2");
    assertThat(store.index()).isEqualTo(5);
    assertThat(err(store.get("/a", false, false, T0)).code()).isEqualTo(ErrorCode.KEY_NOT_FOUND);
    assertThat(ok(store.get("/c", false, false, T0)).node().value()).isEqualTo("3");
    assertThat(store.stats().expireCount()).isEqualTo(2);
  }

  @Test
  void expireWithNothingDueAnswersASyncEventAndKeepsTheIndex() {
    ok(store.apply(setTtl("/a", "1", T0 + 1_000, T0)));
    Event e = ok(store.apply(expire(T0)));
    assertThat(e.action()).isEqualTo("sync");
    assertThat(store.index()).isEqualTo(1);
  }

  @Test
  void expiringADirectoryRemovesItsChildrenAndTheirTtls() {
    ok(store.apply(new StoreCommand.Put("/d", "", true, T0 + 1_000, false, StoreCommand.PrevExist.UNSET, "", 0, T0)));
    ok(store.apply(setTtl("/d/k", "v", T0 + 5_000, T0)));
    Event e = ok(store.apply(expire(T0 + 1_000)));
    assertThat(e.node().dir()).isTrue();
    assertThat(e.node().key()).isEqualTo("/d");
    assertThat(store.hasTtlKeys()).isFalse();
    assertThat(store.index()).isEqualTo(3);
  }

  @Test
  void updateWithoutTtlMakesAKeyPermanent() {
    ok(store.apply(setTtl("/k", "v", T0 + 1_000, T0)));
    Event e = ok(store.apply(update("/k", "w")));
    assertThat(e.node().expiration()).isNull();
    assertThat(e.prevNode().ttlSeconds()).isEqualTo(1);
    assertThat(store.hasTtlKeys()).isFalse();
    ok(store.apply(expire(T0 + 5_000)));
    assertThat(ok(store.get("/k", false, false, T0)).node().value()).isEqualTo("w");
  }

  @Test
  void expirationBeforeTheYear2000MeansPermanentOnSet() {
    Event e = ok(store.apply(setTtl("/k", "v", 1_000, T0)));
    assertThat(e.node().expiration()).isNull();
    assertThat(store.hasTtlKeys()).isFalse();
  }

  @Test
  void refreshResetsTheTtlKeepsTheValueAndNotifiesNoWatcher() {
    ok(store.apply(setTtl("/k", "v", T0 + 1_000, T0)));
    List<Event> seen = new ArrayList<>();
    store.watch("/k", false, true, 0, seen::add);
    Event e = ok(store.apply(refresh("/k", T0 + 60_000, T0 + 500)));
    assertThat(e.node().value()).isEqualTo("v");
    assertThat(e.node().ttlSeconds()).isEqualTo(60);
    assertThat(e.refresh()).isTrue();
    assertThat(json(e)).doesNotContain("refresh");
    assertThat(seen).isEmpty();
    ok(store.apply(expire(T0 + 2_000)));
    assertThat(ok(store.get("/k", false, false, T0 + 2_000)).node().value()).isEqualTo("v");
  }

  @Test
  void refreshOfAMissingKeyFailsWithKeyNotFound() {
    assertThat(err(store.apply(refresh("/k", T0 + 1_000, T0))).code()).isEqualTo(ErrorCode.KEY_NOT_FOUND);
  }

  @Test
  void refreshViaUpdateKeepsValueAndModifiesNothingElse() {
    ok(store.apply(setTtl("/k", "v", T0 + 1_000, T0)));
    StoreCommand c = new StoreCommand.Put("/k", "", false, T0 + 9_000, true, StoreCommand.PrevExist.TRUE, "", 0, T0);
    Event e = ok(store.apply(c));
    assertThat(e.action()).isEqualTo("update");
    assertThat(e.node().value()).isEqualTo("v");
    assertThat(e.node().ttlSeconds()).isEqualTo(9);
  }

  @Test
  void refreshEventsAreSkippedByHistoryScans() {
    ok(store.apply(setTtl("/k", "v", T0 + 1_000, T0)));
    ok(store.apply(refresh("/k", T0 + 9_000, T0)));
    List<Event> seen = new ArrayList<>();
    store.watch("/k", false, false, 2, seen::add);
    assertThat(seen).isEmpty();
    ok(store.apply(set("/k", "w")));
    assertThat(seen).extracting(Event::index).containsExactly(3L);
  }

  @Test
  void updatingADirectorysTtlLeavesItsModifiedIndexAsEtcdDoes() {
    ok(store.apply(mkdir("/dd")));
    StoreCommand withTtl = new StoreCommand.Put("/dd", "", true, T0 + 300_000, false, StoreCommand.PrevExist.TRUE,
        "", 0, T0);
    Event e = ok(store.apply(withTtl));
    assertThat(json(e)).isEqualTo("{\"action\":\"update\",\"node\":{\"key\":\"/dd\",\"dir\":true,"
        + "\"expiration\":\"2025-11-24T16:05:00Z\",\"ttl\":300,\"modifiedIndex\":2,\"createdIndex\":1},"
        + "\"prevNode\":{\"key\":\"/dd\",\"dir\":true,\"modifiedIndex\":1,\"createdIndex\":1}}\n");
    ok(store.apply(new StoreCommand.Put("/dd", "", true, 0, false, StoreCommand.PrevExist.TRUE, "", 0, T0)));
    assertThat(json(ok(store.get("/dd", false, false, T0)))).isEqualTo(
        "{\"action\":\"get\",\"node\":{\"key\":\"/dd\",\"dir\":true,\"modifiedIndex\":1,\"createdIndex\":1}}\n");
  }

  @Test
  void expireEventShowsThePreviousExpirationWithoutATtl() {
    ok(store.apply(setTtl("/e", "1", T0 + 1_000, T0)));
    Event e = ok(store.apply(expire(T0 + 1_000)));
    assertThat(json(e)).isEqualTo("{\"action\":\"expire\",\"node\":{\"key\":\"/e\",\"modifiedIndex\":2,"
        + "\"createdIndex\":1},\"prevNode\":{\"key\":\"/e\",\"value\":\"1\",\"expiration\":\"2025-11-24T16:00:01Z\","
        + "\"modifiedIndex\":1,\"createdIndex\":1}}\n");
  }

  /**
   * Two TTLs set within one millisecond: etcd's nanosecond clock gives the one set first the
   * earlier expiration, so it expires first (its expire event has the lower index).
   */
  @Test
  void keysExpiringAtTheSameMillisecondExpireInTheOrderTheirTtlsWereSet() {
    ok(store.apply(setTtl("/b", "1", T0 + 1_000, T0)));
    ok(store.apply(setTtl("/a", "1", T0 + 1_000, T0)));
    List<Event> seen = new ArrayList<>();
    store.watch("/", true, true, 0, seen::add);
    ok(store.apply(expire(T0 + 1_000)));
    assertThat(seen).extracting(ev -> ev.node().key()).containsExactly("/b", "/a");
  }
}
