package io.etcdj.kvstore;

import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters behind {@link StoreStats}. Write counters are bumped by the apply thread, get
 * counters by many reader threads at once, hence LongAdder.
 */
final class StoreCounters {
  enum Kind {
    GETS_SUCCESS, GETS_FAIL, SETS_SUCCESS, SETS_FAIL, DELETE_SUCCESS, DELETE_FAIL, UPDATE_SUCCESS,
    UPDATE_FAIL, CREATE_SUCCESS, CREATE_FAIL, COMPARE_AND_SWAP_SUCCESS, COMPARE_AND_SWAP_FAIL,
    COMPARE_AND_DELETE_SUCCESS, COMPARE_AND_DELETE_FAIL, EXPIRE_COUNT
  }

  private final LongAdder[] counters = new LongAdder[Kind.values().length];

  StoreCounters() {
    for (int i = 0; i < counters.length; i++) {
      counters[i] = new LongAdder();
    }
  }

  void inc(Kind kind) {
    counters[kind.ordinal()].increment();
  }

  long get(Kind kind) {
    return counters[kind.ordinal()].sum();
  }

  void set(Kind kind, long value) {
    counters[kind.ordinal()].reset();
    counters[kind.ordinal()].add(value);
  }

  StoreStats snapshot(long watchers) {
    return new StoreStats(get(Kind.GETS_SUCCESS), get(Kind.GETS_FAIL), get(Kind.SETS_SUCCESS), get(Kind.SETS_FAIL),
        get(Kind.DELETE_SUCCESS), get(Kind.DELETE_FAIL), get(Kind.UPDATE_SUCCESS), get(Kind.UPDATE_FAIL),
        get(Kind.CREATE_SUCCESS), get(Kind.CREATE_FAIL), get(Kind.COMPARE_AND_SWAP_SUCCESS),
        get(Kind.COMPARE_AND_SWAP_FAIL), get(Kind.COMPARE_AND_DELETE_SUCCESS), get(Kind.COMPARE_AND_DELETE_FAIL),
        get(Kind.EXPIRE_COUNT), watchers);
  }
}
