package io.etcdj.kvstore;

import static io.etcdj.kvstore.Commands.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StoreActionsTest {
  private final Store store = new Store(1000);

  @Test
  void setCreatesIntermediateDirectoriesAtTheNewIndex() {
    Event e = ok(store.apply(set("/a/b/c", "v")));
    assertThat(e.action()).isEqualTo("set");
    assertThat(e.isCreated()).isTrue();
    assertThat(e.etcdIndex()).isEqualTo(1);
    NodeView a = ok(store.get("/a", false, false, T0)).node();
    assertThat(a.dir()).isTrue();
    assertThat(a.createdIndex()).isEqualTo(1);
    assertThat(store.index()).isEqualTo(1);
  }

  @Test
  void setReplacingAKeyReportsThePreviousNodeAndANewCreatedIndex() {
    ok(store.apply(set("/k", "1")));
    Event e = ok(store.apply(set("/k", "2")));
    assertThat(e.prevNode().value()).isEqualTo("1");
    assertThat(e.node().createdIndex()).isEqualTo(2);
    assertThat(e.isCreated()).isFalse();
  }

  @Test
  void setOnADirectoryFailsWithNotAFile() {
    ok(store.apply(mkdir("/d")));
    assertThat(err(store.apply(set("/d", "x")))).isEqualTo(new StoreError(ErrorCode.NOT_FILE, "/d", 1));
    assertThat(err(store.apply(mkdir("/d"))).code()).isEqualTo(ErrorCode.NOT_FILE);
  }

  @Test
  void setTurnsAKeyIntoADirectoryWhenAskedFor() {
    ok(store.apply(set("/k", "1")));
    Event e = ok(store.apply(mkdir("/k")));
    assertThat(e.node().dir()).isTrue();
    assertThat(e.prevNode().value()).isEqualTo("1");
  }

  @Test
  void writingUnderAKeyFailsWithNotADirectoryNamingTheKey() {
    ok(store.apply(set("/k", "1")));
    assertThat(err(store.apply(set("/k/x", "v")))).isEqualTo(new StoreError(ErrorCode.NOT_DIR, "/k", 1));
    assertThat(err(store.apply(create("/k/x/y", "v")))).isEqualTo(new StoreError(ErrorCode.NOT_DIR, "/k", 1));
    assertThat(err(store.apply(post("/k", "v")))).isEqualTo(new StoreError(ErrorCode.NOT_DIR, "/k", 1));
  }

  @Test
  void createFailsWhenTheKeyExists() {
    ok(store.apply(create("/k", "1")));
    assertThat(err(store.apply(create("/k", "2")))).isEqualTo(new StoreError(ErrorCode.NODE_EXIST, "/k", 1));
  }

  @Test
  void postNamesTheKeyAfterTheNewIndexPaddedToTwentyDigits() {
    ok(store.apply(set("/x", "1")));
    Event e = ok(store.apply(post("/queue", "job")));
    assertThat(e.node().key()).isEqualTo("/queue/00000000000000000002");
    assertThat(e.action()).isEqualTo("create");
    Event second = ok(store.apply(post("/queue", "job2")));
    assertThat(second.node().key()).isEqualTo("/queue/00000000000000000003");
    List<NodeView> listed = ok(store.get("/queue", false, true, T0)).node().nodes();
    assertThat(listed).extracting(NodeView::value).containsExactly("job", "job2");
  }

  @Test
  void updateFailsOnAMissingKeyAndKeepsCreatedIndex() {
    assertThat(err(store.apply(update("/k", "1")))).isEqualTo(new StoreError(ErrorCode.KEY_NOT_FOUND, "/k", 0));
    ok(store.apply(set("/k", "1")));
    Event e = ok(store.apply(update("/k", "2")));
    assertThat(e.node().createdIndex()).isEqualTo(1);
    assertThat(e.node().modifiedIndex()).isEqualTo(2);
    assertThat(e.prevNode().value()).isEqualTo("1");
  }

  @Test
  void updateOfADirectoryWithAValueFailsWithNotAFile() {
    ok(store.apply(mkdir("/d")));
    assertThat(err(store.apply(update("/d", "x")))).isEqualTo(new StoreError(ErrorCode.NOT_FILE, "/d", 1));
  }

  @Test
  void compareAndSwapSucceedsWhenValueAndIndexMatch() {
    ok(store.apply(set("/k", "1")));
    Event e = ok(store.apply(cas("/k", "1", 1, "2")));
    assertThat(e.action()).isEqualTo("compareAndSwap");
    assertThat(e.node().value()).isEqualTo("2");
    assertThat(e.prevNode().value()).isEqualTo("1");
  }

  @Test
  void compareAndSwapFailsWhenPrevIndexIsStale() {
    ok(store.apply(set("/k", "1")));
    ok(store.apply(set("/k", "2")));
    assertThat(err(store.apply(cas("/k", "", 1, "3"))))
        .isEqualTo(new StoreError(ErrorCode.TEST_FAILED, "[1 != 2]", 2));
  }

  @Test
  void compareAndSwapOnMissingKeyOrDirectoryFails() {
    assertThat(err(store.apply(cas("/nope", "a", 0, "b"))).code()).isEqualTo(ErrorCode.KEY_NOT_FOUND);
    ok(store.apply(mkdir("/d")));
    assertThat(err(store.apply(cas("/d", "a", 0, "b")))).isEqualTo(new StoreError(ErrorCode.NOT_FILE, "/d", 1));
  }

  @Test
  void prevExistTrueWithPrevValueIsACompareAndSwap() {
    ok(store.apply(set("/k", "1")));
    StoreCommand c = new StoreCommand.Put("/k", "2", false, 0, false, StoreCommand.PrevExist.TRUE, "1", 0, T0);
    assertThat(ok(store.apply(c)).action()).isEqualTo("compareAndSwap");
  }

  @Test
  void deleteOfAKeyReportsTheDeleteIndexAndPreviousValue() {
    ok(store.apply(set("/k", "1")));
    Event e = ok(store.apply(delete("/k")));
    assertThat(e.node()).isEqualTo(new NodeView("/k", false, null, 1, 2, null, 0, null));
    assertThat(e.prevNode().value()).isEqualTo("1");
    assertThat(err(store.get("/k", false, false, T0)).code()).isEqualTo(ErrorCode.KEY_NOT_FOUND);
  }

  @Test
  void deleteOfADirectoryNeedsDirAndRecursiveWhenNotEmpty() {
    ok(store.apply(set("/d/k", "1")));
    assertThat(err(store.apply(delete("/d")))).isEqualTo(new StoreError(ErrorCode.NOT_FILE, "/d", 1));
    assertThat(err(store.apply(deleteDir("/d", false)))).isEqualTo(new StoreError(ErrorCode.DIR_NOT_EMPTY, "/d", 1));
    Event e = ok(store.apply(deleteDir("/d", true)));
    assertThat(e.node().dir()).isTrue();
    assertThat(e.prevNode().dir()).isTrue();
  }

  @Test
  void deleteOfAnEmptyDirectoryWithDirFlagSucceeds() {
    ok(store.apply(mkdir("/d")));
    assertThat(ok(store.apply(deleteDir("/d", false))).action()).isEqualTo("delete");
  }

  @Test
  void deleteOfAMissingKeyFailsWithKeyNotFound() {
    assertThat(err(store.apply(delete("/a/b")))).isEqualTo(new StoreError(ErrorCode.KEY_NOT_FOUND, "/a", 0));
  }

  @Test
  void compareAndDeleteChecksValueAndIndex() {
    ok(store.apply(set("/k", "1")));
    assertThat(err(store.apply(cad("/k", "2", 0)))).isEqualTo(new StoreError(ErrorCode.TEST_FAILED, "[2 != 1]", 1));
    assertThat(err(store.apply(cad("/k", "2", 5))))
        .isEqualTo(new StoreError(ErrorCode.TEST_FAILED, "[2 != 1] [5 != 1]", 1));
    Event e = ok(store.apply(cad("/k", "1", 1)));
    assertThat(e.action()).isEqualTo("compareAndDelete");
    assertThat(e.index()).isEqualTo(2);
  }

  @Test
  void compareAndDeleteOfADirectoryFailsWithNotAFile() {
    ok(store.apply(mkdir("/d")));
    assertThat(err(store.apply(cad("/d", "x", 0)))).isEqualTo(new StoreError(ErrorCode.NOT_FILE, "/d", 1));
  }

  @Test
  void rootIsReadOnlyForEveryWrite() {
    StoreError rootReadOnly = new StoreError(ErrorCode.ROOT_READ_ONLY, "/", 0);
    assertThat(err(store.apply(set("/", "x")))).isEqualTo(rootReadOnly);
    assertThat(err(store.apply(create("/", "x")))).isEqualTo(rootReadOnly);
    assertThat(err(store.apply(update("/", "x")))).isEqualTo(rootReadOnly);
    assertThat(err(store.apply(cas("/", "a", 0, "x")))).isEqualTo(rootReadOnly);
    assertThat(err(store.apply(deleteDir("/", true)))).isEqualTo(rootReadOnly);
  }

  @Test
  void namespacesAreReadOnlyDirectoriesAtIndexZero() {
    Store ns = new Store(10, "/0", "/1");
    assertThat(err(ns.apply(set("/1", "x")))).isEqualTo(new StoreError(ErrorCode.ROOT_READ_ONLY, "/", 0));
    assertThat(ok(ns.get("/1", false, false, T0)).node().modifiedIndex()).isZero();
    assertThat(ok(ns.apply(set("/1/a", "x"))).index()).isEqualTo(1);
  }

  @Test
  void keysAreCleanedLikeGoPathClean() {
    ok(store.apply(set("a//b/./c/", "v")));
    assertThat(ok(store.get("/a/b/c", false, false, T0)).node().value()).isEqualTo("v");
    assertThat(ok(store.get("/a/x/../b/c", false, false, T0)).node().key()).isEqualTo("/a/b/c");
  }

  @Test
  void hiddenKeysAreLeftOutOfListingsButCanBeReadDirectly() {
    ok(store.apply(set("/d/_h", "1")));
    ok(store.apply(set("/d/v", "2")));
    ok(store.apply(set("/d/_hd/x", "3")));
    assertThat(ok(store.get("/d", true, true, T0)).node().nodes()).extracting(NodeView::key).containsExactly("/d/v");
    assertThat(ok(store.get("/d/_h", false, false, T0)).node().value()).isEqualTo("1");
  }

  @Test
  void sortedGetOrdersChildrenByKeyAtEveryLevel() {
    for (String k : List.of("/s/c", "/s/a/z", "/s/a/b", "/s/b")) {
      ok(store.apply(set(k, k)));
    }
    NodeView s = ok(store.get("/s", true, true, T0)).node();
    assertThat(s.nodes()).extracting(NodeView::key).containsExactly("/s/a", "/s/b", "/s/c");
    assertThat(s.nodes().get(0).nodes()).extracting(NodeView::key).containsExactly("/s/a/b", "/s/a/z");
  }

  @Test
  void nonRecursiveGetListsOneLevelOnly() {
    ok(store.apply(set("/s/a/b", "1")));
    NodeView a = ok(store.get("/s", false, false, T0)).node().nodes().get(0);
    assertThat(a.dir()).isTrue();
    assertThat(a.nodes()).isNull();
  }

  @Test
  void getEventCarriesTheCurrentIndex() {
    ok(store.apply(set("/a", "1")));
    ok(store.apply(set("/b", "1")));
    assertThat(ok(store.get("/a", false, false, T0)).etcdIndex()).isEqualTo(2);
    assertThat(err(store.get("/zz", false, false, T0))).isEqualTo(new StoreError(ErrorCode.KEY_NOT_FOUND, "/zz", 2));
  }

  @Test
  void failedWritesDoNotAdvanceTheIndex() {
    ok(store.apply(set("/a", "1")));
    err(store.apply(create("/a", "1")));
    err(store.apply(delete("/nope")));
    assertThat(store.index()).isEqualTo(1);
  }

  @Test
  void statsCountLikeEtcdIncludingItsQuirks() {
    ok(store.apply(set("/a", "1")));
    err(store.apply(create("/a/b", "1"))); // etcd counts createFail and setsFail
    ok(store.apply(mkdir("/d")));
    err(store.apply(cad("/d", "x", 0))); // etcd counts this failure as a success
    err(store.apply(update("/", "x"))); // and this one
    ok(store.get("/a", false, false, T0));
    err(store.get("/zz", false, false, T0));
    StoreStats s = store.stats();
    assertThat(s.setsSuccess()).isEqualTo(2);
    assertThat(s.setsFail()).isEqualTo(1);
    assertThat(s.createFail()).isEqualTo(1);
    assertThat(s.compareAndDeleteSuccess()).isEqualTo(1);
    assertThat(s.updateSuccess()).isEqualTo(1);
    assertThat(s.getsSuccess()).isEqualTo(1);
    assertThat(s.getsFail()).isEqualTo(1);
  }

  @Test
  void errorJsonOmitsAnEmptyCause() {
    assertThat(json(new StoreError(ErrorCode.RAFT_INTERNAL, "", 3).toJson()))
        .isEqualTo("{\"errorCode\":300,\"message\":\"Raft Internal Error\",\"index\":3}\n");
  }

  @Test
  void errorCatalogueHasEtcdsHttpStatuses() {
    assertThat(ErrorCode.KEY_NOT_FOUND.httpStatus).isEqualTo(404);
    assertThat(ErrorCode.TEST_FAILED.httpStatus).isEqualTo(412);
    assertThat(ErrorCode.NODE_EXIST.httpStatus).isEqualTo(412);
    assertThat(ErrorCode.NOT_FILE.httpStatus).isEqualTo(403);
    assertThat(ErrorCode.DIR_NOT_EMPTY.httpStatus).isEqualTo(403);
    assertThat(ErrorCode.UNAUTHORIZED.httpStatus).isEqualTo(401);
    assertThat(ErrorCode.LEADER_ELECT.httpStatus).isEqualTo(500);
    assertThat(ErrorCode.EVENT_INDEX_CLEARED.httpStatus).isEqualTo(400);
    assertThat(ErrorCode.ofCode(212)).isEqualTo(ErrorCode.REFRESH_TTL_REQUIRED);
  }

  @Test
  void jsonWithoutAPrefixIsMemoizedAndLeavesForeignKeysAlone() {
    Store ns = new Store(10, "/0", "/1");
    Event e = ok(ns.apply(set("/1/a", "1")));
    EventJson trimmed = e.json("/1");
    assertThat(json(trimmed)).isEqualTo("{\"action\":\"set\",\"node\":{\"key\":\"/a\",\"value\":\"1\",\"modifiedIndex\":1,\"createdIndex\":1}}\n");
    assertThat(e.json("/1")).isSameAs(trimmed);
    assertThat(json(e.json("/0"))).contains("\"key\":\"/1/a\"");
    assertThat(json(e.json())).contains("\"key\":\"/1/a\"");
  }
}
