package io.etcdj.kvstore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link Store#internalVersion} moves exactly when something outside the clients' "/1" changes
 * (membership under "/0", v2 auth under "/2") or a snapshot replaces the state, so a reader
 * deriving state from those keys can tell with one volatile read whether to look again.
 */
class InternalVersionTest {
  private final Store store = Store.etcdV2(100);

  @Test
  void clientWritesAndExpirationsLeaveItAlone() {
    long before = store.internalVersion();
    store.apply(put("/1/a", "1"));
    store.apply(put("/1", "x")); // refused (read-only), still a client path
    store.apply(new StoreCommand.Post("/1/q", "v", false, 0, 1));
    store.apply(new StoreCommand.Delete("/1/a", false, false, "", 0, 1));
    store.apply(new StoreCommand.Expire(10));
    assertThat(store.internalVersion()).isEqualTo(before);
  }

  @Test
  void writesUnderTheInternalPrefixesMoveIt() {
    long v0 = store.internalVersion();
    store.apply(put("/2/enabled", "false"));
    long v1 = store.internalVersion();
    assertThat(v1).isGreaterThan(v0);
    store.apply(put("/0/version", "3.4.0"));
    assertThat(store.internalVersion()).isGreaterThan(v1);
    store.apply(put("/10/x", "not a client key either"));
    assertThat(store.internalVersion()).isGreaterThan(v1 + 1);
  }

  @Test
  void recoveringFromASnapshotMovesIt() {
    Store other = Store.etcdV2(100);
    other.apply(put("/2/enabled", "true"));
    long before = store.internalVersion();
    store.recover(other.save());
    assertThat(store.internalVersion()).isGreaterThan(before);
    assertThat(((StoreResult.Ok) store.get("/2/enabled", false, false, 0)).event().node().value()).isEqualTo("true");
  }

  private static StoreCommand.Put put(String path, String value) {
    return new StoreCommand.Put(path, value, false, 0, false, StoreCommand.PrevExist.UNSET, "", 0, 1);
  }
}
