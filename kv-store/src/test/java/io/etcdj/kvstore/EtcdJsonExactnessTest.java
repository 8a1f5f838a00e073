package io.etcdj.kvstore;

import static io.etcdj.kvstore.Commands.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bodies compared with what a real etcd 3.4.23 answered to the same requests (curl against
 * --enable-v2). etcd keeps v2 keys under "/1" and has used indexes 1..3 for membership, so the
 * store here does the same before the scripted requests.
 */
class EtcdJsonExactnessTest {
  private Store store;

  @BeforeEach
  void membershipWritesTakeTheFirstThreeIndexes() {
    store = new Store(1000, "/0", "/1");
    ok(store.apply(set("/0/members/1/raftAttributes", "{}")));
    ok(store.apply(set("/0/members/1/attributes", "{}")));
    ok(store.apply(set("/0/version", "3.4.0")));
  }

  private String body(StoreCommand c) {
    StoreResult r = store.apply(c);
    if (r instanceof StoreResult.Ok ok) {
      return json(ok.event().json("/1"));
    }
    return json(((StoreResult.Err) r).error().trimPrefix("/1").toJson());
  }

  private String get(String path, boolean recursive, boolean sorted) {
    StoreResult r = store.get(path, recursive, sorted, T0);
    if (r instanceof StoreResult.Ok ok) {
      return json(ok.event().json("/1"));
    }
    return json(((StoreResult.Err) r).error().trimPrefix("/1").toJson());
  }

  @Test
  void scriptedSessionMatchesEtcdByteForByte() {
    assertThat(body(set("/1/a", "x<y>"))).isEqualTo(
        "{\"action\":\"set\",\"node\":{\"key\":\"/a\",\"value\":\"x\\u003cy\\u003e\",\"modifiedIndex\":4,\"createdIndex\":4}}\n");
    assertThat(body(set("/1/a", "2"))).isEqualTo(
        "{\"action\":\"set\",\"node\":{\"key\":\"/a\",\"value\":\"2\",\"modifiedIndex\":5,\"createdIndex\":5},"
            + "\"prevNode\":{\"key\":\"/a\",\"value\":\"x\\u003cy\\u003e\",\"modifiedIndex\":4,\"createdIndex\":4}}\n");
    assertThat(body(create("/1/a", "3"))).isEqualTo(
        "{\"errorCode\":105,\"message\":\"Key already exists\",\"cause\":\"/a\",\"index\":5}\n");
    assertThat(body(create("/1/b", "3"))).isEqualTo(
        "{\"action\":\"create\",\"node\":{\"key\":\"/b\",\"value\":\"3\",\"modifiedIndex\":6,\"createdIndex\":6}}\n");
    assertThat(body(update("/1/a", "4"))).isEqualTo(
        "{\"action\":\"update\",\"node\":{\"key\":\"/a\",\"value\":\"4\",\"modifiedIndex\":7,\"createdIndex\":5},"
            + "\"prevNode\":{\"key\":\"/a\",\"value\":\"2\",\"modifiedIndex\":5,\"createdIndex\":5}}\n");
    assertThat(body(cas("/1/a", "9", 0, "5"))).isEqualTo(
        "{\"errorCode\":101,\"message\":\"Compare failed\",\"cause\":\"[9 != 4]\",\"index\":7}\n");
    assertThat(body(cas("/1/a", "", 1, "5"))).isEqualTo(
        "{\"errorCode\":101,\"message\":\"Compare failed\",\"cause\":\"[1 != 7]\",\"index\":7}\n");
    assertThat(body(cas("/1/a", "9", 1, "5"))).isEqualTo(
        "{\"errorCode\":101,\"message\":\"Compare failed\",\"cause\":\"[9 != 4] [1 != 7]\",\"index\":7}\n");
    assertThat(body(cas("/1/a", "4", 7, "5"))).isEqualTo(
        "{\"action\":\"compareAndSwap\",\"node\":{\"key\":\"/a\",\"value\":\"5\",\"modifiedIndex\":8,\"createdIndex\":5},"
            + "\"prevNode\":{\"key\":\"/a\",\"value\":\"4\",\"modifiedIndex\":7,\"createdIndex\":5}}\n");
    assertThat(body(set("/1/dir/sub/k", "v"))).isEqualTo(
        "{\"action\":\"set\",\"node\":{\"key\":\"/dir/sub/k\",\"value\":\"v\",\"modifiedIndex\":9,\"createdIndex\":9}}\n");
    assertThat(body(set("/1/dir/_hidden", "h"))).isEqualTo(
        "{\"action\":\"set\",\"node\":{\"key\":\"/dir/_hidden\",\"value\":\"h\",\"modifiedIndex\":10,\"createdIndex\":10}}\n");
    assertThat(body(set("/1/dir/sub/k/x", "v"))).isEqualTo(
        "{\"errorCode\":104,\"message\":\"Not a directory\",\"cause\":\"/dir/sub/k\",\"index\":10}\n");
    assertThat(get("/1/dir", true, true)).isEqualTo(
        "{\"action\":\"get\",\"node\":{\"key\":\"/dir\",\"dir\":true,\"nodes\":[{\"key\":\"/dir/sub\",\"dir\":true,"
            + "\"nodes\":[{\"key\":\"/dir/sub/k\",\"value\":\"v\",\"modifiedIndex\":9,\"createdIndex\":9}],"
            + "\"modifiedIndex\":9,\"createdIndex\":9}],\"modifiedIndex\":9,\"createdIndex\":9}}\n");
    assertThat(get("/1/dir", false, false)).isEqualTo(
        "{\"action\":\"get\",\"node\":{\"key\":\"/dir\",\"dir\":true,\"nodes\":[{\"key\":\"/dir/sub\",\"dir\":true,"
            + "\"modifiedIndex\":9,\"createdIndex\":9}],\"modifiedIndex\":9,\"createdIndex\":9}}\n");
    assertThat(get("/1/dir/sub/k/x", false, false)).isEqualTo(
        "{\"errorCode\":104,\"message\":\"Not a directory\",\"cause\":\"/dir/sub/k\",\"index\":10}\n");
    assertThat(body(post("/1/queue", "j1"))).isEqualTo(
        "{\"action\":\"create\",\"node\":{\"key\":\"/queue/00000000000000000011\",\"value\":\"j1\","
            + "\"modifiedIndex\":11,\"createdIndex\":11}}\n");
    assertThat(body(delete("/1/dir"))).isEqualTo(
        "{\"errorCode\":102,\"message\":\"Not a file\",\"cause\":\"/dir\",\"index\":11}\n");
    assertThat(body(deleteDir("/1/dir", false))).isEqualTo(
        "{\"errorCode\":108,\"message\":\"Directory not empty\",\"cause\":\"/dir\",\"index\":11}\n");
    assertThat(body(cad("/1/a", "zz", 0))).isEqualTo(
        "{\"errorCode\":101,\"message\":\"Compare failed\",\"cause\":\"[zz != 5]\",\"index\":11}\n");
    assertThat(body(cad("/1/a", "", 8))).isEqualTo(
        "{\"action\":\"compareAndDelete\",\"node\":{\"key\":\"/a\",\"modifiedIndex\":12,\"createdIndex\":5},"
            + "\"prevNode\":{\"key\":\"/a\",\"value\":\"5\",\"modifiedIndex\":8,\"createdIndex\":5}}\n");
    assertThat(body(cad("/1/a", "", 9))).isEqualTo(
        "{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/a\",\"index\":12}\n");
    assertThat(body(set("/1", "1"))).isEqualTo(
        "{\"errorCode\":107,\"message\":\"Root is read only\",\"cause\":\"/\",\"index\":12}\n");
    assertThat(body(deleteDir("/1", true))).isEqualTo(
        "{\"errorCode\":107,\"message\":\"Root is read only\",\"cause\":\"/\",\"index\":12}\n");
    assertThat(body(update("/1/dir", "zz"))).isEqualTo(
        "{\"errorCode\":102,\"message\":\"Not a file\",\"cause\":\"/dir\",\"index\":12}\n");
    assertThat(body(set("/1/dir", "zz"))).isEqualTo(
        "{\"errorCode\":102,\"message\":\"Not a file\",\"cause\":\"/dir\",\"index\":12}\n");
    assertThat(body(cas("/1/dir", "a", 0, "zz"))).isEqualTo(
        "{\"errorCode\":102,\"message\":\"Not a file\",\"cause\":\"/dir\",\"index\":12}\n");
    assertThat(body(deleteDir("/1/dir", true))).isEqualTo(
        "{\"action\":\"delete\",\"node\":{\"key\":\"/dir\",\"dir\":true,\"modifiedIndex\":13,\"createdIndex\":9},"
            + "\"prevNode\":{\"key\":\"/dir\",\"dir\":true,\"modifiedIndex\":9,\"createdIndex\":9}}\n");
  }

  @Test
  void rootListingHasNoKeyAndNoIndexesOnceThePrefixIsTrimmed() {
    body(set("/1/a", "2"));
    body(mkdir("/1/d"));
    assertThat(get("/1", false, true)).isEqualTo(
        "{\"action\":\"get\",\"node\":{\"dir\":true,\"nodes\":[{\"key\":\"/a\",\"value\":\"2\",\"modifiedIndex\":4,"
            + "\"createdIndex\":4},{\"key\":\"/d\",\"dir\":true,\"modifiedIndex\":5,\"createdIndex\":5}]}}\n");
    assertThat(get("/1/d", false, false)).isEqualTo(
        "{\"action\":\"get\",\"node\":{\"key\":\"/d\",\"dir\":true,\"modifiedIndex\":5,\"createdIndex\":5}}\n");
  }

  @Test
  void statsBodyHasEtcdsFieldOrderAndNoNewline() {
    StoreStats s = new StoreStats(1, 6, 4, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0);
    assertThat(json(s.toJson())).isEqualTo("{\"getsSuccess\":1,\"getsFail\":6,\"setsSuccess\":4,\"setsFail\":0,"
        + "\"deleteSuccess\":0,\"deleteFail\":0,\"updateSuccess\":0,\"updateFail\":0,\"createSuccess\":1,"
        + "\"createFail\":0,\"compareAndSwapSuccess\":0,\"compareAndSwapFail\":0,\"compareAndDeleteSuccess\":0,"
        + "\"compareAndDeleteFail\":0,\"expireCount\":0,\"watchers\":0}");
  }

  @Test
  void stringsAreEscapedAsGoEncodingJsonDoes() {
    String value = "q\"b\\s/<>&\t\n\r\b\f\u0001\u007f\u00e9\u2028\u2029\ud83d\ude00\ud800x";
    Event e = ok(store.apply(set("/1/k", value)));
    assertThat(json(e)).contains(
        "\"value\":\"q\\\"b\\\\s/\\u003c\\u003e\\u0026\\t\\n\\r\\u0008\\u000c\\u0001\u007f\u00e9\\u2028\\u2029\ud83d\ude00\\ufffdx\"");
  }
}
