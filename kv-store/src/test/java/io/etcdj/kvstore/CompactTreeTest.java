package io.etcdj.kvstore;

import static io.etcdj.kvstore.Commands.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tree keeps names and values as bytes, children in sorted arrays and paths derived from the
 * parent chain: what a client sees must not change for it.
 */
class CompactTreeTest {
  private final Store store = new Store(1000);

  private List<String> listing(String dir, boolean sorted) {
    return ok(store.get(dir, false, sorted, T0)).node().nodes().stream().map(NodeView::key).toList();
  }

  @Test
  void anUnsortedListingShowsChildrenInNameOrderWhateverOrderTheyWereWrittenIn() {
    for (String name : List.of("m", "b", "z", "a", "ab", "a-b", "B")) {
      ok(store.apply(set("/d/" + name, name)));
    }
    assertThat(listing("/d", false)).containsExactly("/d/B", "/d/a", "/d/a-b", "/d/ab", "/d/b", "/d/m", "/d/z");
    assertThat(listing("/d", true)).isEqualTo(listing("/d", false));
  }

  @Test
  void namesThatArePrefixesOfEachOtherAreFoundExactly() {
    ok(store.apply(set("/p/a", "1")));
    ok(store.apply(set("/p/ab", "2")));
    ok(store.apply(set("/p/abc", "3")));
    assertThat(ok(store.get("/p/ab", false, false, T0)).node().value()).isEqualTo("2");
    assertThat(err(store.get("/p/abcd", false, false, T0)).code()).isEqualTo(ErrorCode.KEY_NOT_FOUND);
    assertThat(err(store.get("/p/b", false, false, T0)).code()).isEqualTo(ErrorCode.KEY_NOT_FOUND);
  }

  @Test
  void nonAsciiNamesAndValuesComeBackAsWritten() {
    String lone = "x\uD800y"; // an unpaired surrogate: the log keeps it, so the tree must too
    List<String> names = List.of("é", "日本", "\uD83D\uDE00", lone, "z", "e");
    for (String name : names) {
      ok(store.apply(set("/u/" + name, "v-" + name + "-ü")));
    }
    for (String name : names) {
      NodeView n = ok(store.get("/u/" + name, false, false, T0)).node();
      assertThat(n.key()).isEqualTo("/u/" + name);
      assertThat(n.value()).isEqualTo("v-" + name + "-ü");
    }
    assertThat(err(store.get("/u/\uD800", false, false, T0)).code()).isEqualTo(ErrorCode.KEY_NOT_FOUND);
    // byte order of the UTF-8: ASCII first, then by code point
    assertThat(listing("/u", false)).containsExactly("/u/e", "/u/x\uD800y", "/u/z", "/u/é", "/u/日本",
        "/u/\uD83D\uDE00");
  }

  @Test
  void compareAndSwapComparesNonAsciiValuesExactly() {
    ok(store.apply(set("/k", "naïve")));
    assertThat(err(store.apply(cas("/k", "naive", 0, "x"))).code()).isEqualTo(ErrorCode.TEST_FAILED);
    Event e = ok(store.apply(cas("/k", "naïve", 0, "ok")));
    assertThat(e.prevNode().value()).isEqualTo("naïve");
    assertThat(ok(store.get("/k", false, false, T0)).node().value()).isEqualTo("ok");
  }

  @Test
  void recursiveDeleteOfADirectoryNotifiesAWatcherOfEveryKeyBelowIt() {
    for (int i = 0; i < 50; i++) {
      ok(store.apply(set("/big/sub" + (i % 5) + "/k" + i, "v")));
    }
    List<Event> seen = new ArrayList<>();
    store.watch("/big/sub3/k13", false, false, 0, seen::add);
    store.watch("/big/sub4", false, false, 0, seen::add);
    ok(store.apply(deleteDir("/big", true)));
    assertThat(seen).extracting(Event::action).containsExactly("delete", "delete");
    assertThat(err(store.get("/big", false, false, T0)).code()).isEqualTo(ErrorCode.KEY_NOT_FOUND);
    ok(store.apply(set("/big/sub3/k13", "again")));
    assertThat(listing("/big/sub3", false)).containsExactly("/big/sub3/k13");
  }

  @Test
  void aDirectoryEmptiedKeyByKeyTakesNewKeysAgain() {
    for (int i = 0; i < 100; i++) {
      ok(store.apply(set("/shrink/k" + i, "v")));
    }
    for (int i = 0; i < 100; i++) {
      ok(store.apply(delete("/shrink/k" + i)));
      if (i == 98) {
        assertThat(listing("/shrink", false)).containsExactly("/shrink/k99");
      }
    }
    assertThat(ok(store.get("/shrink", false, false, T0)).node().nodes()).isEmpty();
    ok(store.apply(set("/shrink/again", "v")));
    assertThat(listing("/shrink", false)).containsExactly("/shrink/again");
  }

  @Test
  void settingAnExistingKeyReplacesItAmongItsSiblingsAndDropsItsOldTtl() {
    ok(store.apply(set("/s/a", "1")));
    ok(store.apply(setTtl("/s/b", "2", T0 + 1_000, T0)));
    ok(store.apply(set("/s/c", "3")));
    Event e = ok(store.apply(set("/s/b", "new")));
    assertThat(e.prevNode().value()).isEqualTo("2");
    assertThat(ok(store.get("/s", false, false, T0)).node().nodes()).extracting(NodeView::value)
        .containsExactly("1", "new", "3");
    assertThat(store.hasTtlKeys()).isFalse();
    assertThat(ok(store.apply(expire(T0 + 5_000))).action()).isEqualTo("sync");
  }

  @Test
  void anExpiringKeyDeepInTheTreeReportsItsFullPath() {
    ok(store.apply(setTtl("/a/b/c/t", "v", T0 + 1_000, T0)));
    Event e = ok(store.apply(expire(T0 + 1_000)));
    assertThat(e.node().key()).isEqualTo("/a/b/c/t");
    assertThat(e.prevNode().value()).isEqualTo("v");
    assertThat(e.prevNode().expiration()).isNotNull();
  }

  @Test
  void aKeyMadePermanentShowsNoExpirationAndNeverExpires() {
    ok(store.apply(setTtl("/t", "v", T0 + 1_000, T0)));
    ok(store.apply(update("/t", "w")));
    NodeView n = ok(store.get("/t", false, false, T0)).node();
    assertThat(n.expiration()).isNull();
    assertThat(n.ttlSeconds()).isZero();
    assertThat(store.hasTtlKeys()).isFalse();
    assertThat(ok(store.apply(expire(T0 + 5_000))).action()).isEqualTo("sync");
  }
}
