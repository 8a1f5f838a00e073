package io.etcdj.kvstore;

/** Counters for /v2/stats/store, named as etcd names them in its JSON. */
public record StoreStats(long getsSuccess, long getsFail, long setsSuccess, long setsFail,
                         long deleteSuccess, long deleteFail, long updateSuccess, long updateFail,
                         long createSuccess, long createFail, long compareAndSwapSuccess,
                         long compareAndSwapFail, long compareAndDeleteSuccess,
                         long compareAndDeleteFail, long expireCount, long watchers) {
  /** etcd's /v2/stats/store JSON body (field order of etcd's Stats struct; no trailing newline, as etcd). */
  public byte[] toJson() {
    GoJsonWriter w = new GoJsonWriter(420);
    w.raw("{\"getsSuccess\":").unsigned(getsSuccess)
        .raw(",\"getsFail\":").unsigned(getsFail)
        .raw(",\"setsSuccess\":").unsigned(setsSuccess)
        .raw(",\"setsFail\":").unsigned(setsFail)
        .raw(",\"deleteSuccess\":").unsigned(deleteSuccess)
        .raw(",\"deleteFail\":").unsigned(deleteFail)
        .raw(",\"updateSuccess\":").unsigned(updateSuccess)
        .raw(",\"updateFail\":").unsigned(updateFail)
        .raw(",\"createSuccess\":").unsigned(createSuccess)
        .raw(",\"createFail\":").unsigned(createFail)
        .raw(",\"compareAndSwapSuccess\":").unsigned(compareAndSwapSuccess)
        .raw(",\"compareAndSwapFail\":").unsigned(compareAndSwapFail)
        .raw(",\"compareAndDeleteSuccess\":").unsigned(compareAndDeleteSuccess)
        .raw(",\"compareAndDeleteFail\":").unsigned(compareAndDeleteFail)
        .raw(",\"expireCount\":").unsigned(expireCount)
        .raw(",\"watchers\":").unsigned(watchers)
        .raw('}');
    return w.toBytes();
  }
}
