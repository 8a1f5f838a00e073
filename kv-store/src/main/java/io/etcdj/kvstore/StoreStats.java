package io.etcdj.kvstore;

/** Counters for /v2/stats/store, named as etcd names them in its JSON. */
public record StoreStats(long getsSuccess, long getsFail, long setsSuccess, long setsFail,
                         long deleteSuccess, long deleteFail, long updateSuccess, long updateFail,
                         long createSuccess, long createFail, long compareAndSwapSuccess,
                         long compareAndSwapFail, long compareAndDeleteSuccess,
                         long compareAndDeleteFail, long expireCount, long watchers) {
  /** etcd's /v2/stats/store JSON body. */
  public byte[] toJson() { throw new UnsupportedOperationException("skeleton"); }
}
