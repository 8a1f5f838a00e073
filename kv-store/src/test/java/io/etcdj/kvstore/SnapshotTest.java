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

  @Test
  void restoreReadsAVersion2SnapshotWithPathsAndChildrenInInsertionOrder() {
    BinaryOut out = version2Header(3);
    out.writeString("/").writeLong(0).writeLong(0).writeLong(0).writeBoolean(true).writeLong(1);
    out.writeString("/d").writeLong(1).writeLong(1).writeLong(0).writeBoolean(true).writeLong(2);
    // written in insertion order, "z" before "a"
    out.writeString("/d/z").writeLong(2).writeLong(2).writeLong(T0 + 9_000).writeBoolean(false).writeString("zz");
    out.writeString("/d/a").writeLong(3).writeLong(3).writeLong(0).writeBoolean(false).writeString("ä");
    out.writeLong(0); // no history events

    Store restored = Store.restore(out.toBytes(), 10);
    assertThat(restored.index()).isEqualTo(3);
    NodeView d = ok(restored.get("/d", false, false, T0)).node();
    assertThat(d.nodes()).extracting(NodeView::key).containsExactly("/d/a", "/d/z");
    assertThat(d.nodes()).extracting(NodeView::value).containsExactly("ä", "zz");
    assertThat(d.nodes().get(1).ttlSeconds()).isEqualTo(9);
    assertThat(ok(restored.apply(expire(T0 + 9_000))).node().key()).isEqualTo("/d/z");
  }

  /** A version 2 snapshot up to its tree: magic, version, {@code index}, "/" read-only, zero counters, no prefix. */
  private static BinaryOut version2Header(long index) {
    BinaryOut out = new BinaryOut(256);
    out.writeLong(0x45545631).writeLong(2).writeLong(index);
    out.writeLong(1).writeString("/");
    for (int i = 0; i < StoreCounters.Kind.values().length; i++) {
      out.writeLong(0);
    }
    return out.writeString("");
  }

  @Test
  void restoreRejectsASnapshotThatNamesAChildTwice() {
    BinaryOut out = version2Header(2);
    out.writeString("/").writeLong(0).writeLong(0).writeLong(0).writeBoolean(true).writeLong(2);
    out.writeString("/k").writeLong(1).writeLong(1).writeLong(0).writeBoolean(false).writeString("1");
    out.writeString("/k").writeLong(2).writeLong(2).writeLong(0).writeBoolean(false).writeString("2");
    out.writeLong(0);
    assertThatThrownBy(() -> Store.restore(out.toBytes(), 10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/k");
  }

  @Test
  void aSnapshotKeepsNonAsciiNamesValuesAndTheTreeShape() {
    Store store = new Store(10);
    ok(store.apply(set("/日本/\uD800/k", "v\u00e9")));
    ok(store.apply(set("/日本/a", "")));
    ok(store.apply(mkdir("/empty")));
    Store restored = Store.restore(store.save(), 10);
    assertThat(json(ok(restored.get("/", true, false, T0)).json()))
        .isEqualTo(json(ok(store.get("/", true, false, T0)).json()));
    assertThat(restored.save()).isEqualTo(store.save());
  }

  @Test
  void restoreRejectsNodeBytesWhoseNameOverrunsThem() {
    Store store = new Store(10);
    ok(store.apply(set("/abc", "v")));
    byte[] bytes = store.save();
    // the key's node bytes, length-prefixed (zig-zag 5 = 10): name length 3, "abc", value "v";
    // claim a name of 5 bytes, which would run past them
    int at = indexOf(bytes, new byte[] {10, 3, 'a', 'b', 'c', 'v'});
    bytes[at + 1] = 5;
    assertThatThrownBy(() -> Store.restore(bytes, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}
