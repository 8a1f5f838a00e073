package io.etcdj.kvstore;

/**
 * A write to the v2 store, as it travels through the Raft log. Every replica applies the same
 * command bytes to the same state and gets the same result, so nothing here may depend on the
 * applying replica: times are the proposer's wall clock (epoch milliseconds) and expirations are
 * absolute. {@code expireAtMs == 0} means permanent (etcd's "no TTL").
 */
public sealed interface StoreCommand
    permits StoreCommand.Put, StoreCommand.Post, StoreCommand.Delete, StoreCommand.Expire {

  /** Proposer's wall-clock time in epoch milliseconds; TTLs shown in the resulting event count from it. */
  long timeMs();

  /**
   * PUT /v2/keys/...: set, create ({@code prevExist=false}), update ({@code prevExist=true}),
   * compareAndSwap ({@code prevValue}/{@code prevIndex}), each optionally a TTL refresh.
   * {@code prevValue} empty and {@code prevIndex} 0 mean "not given", as in etcd.
   */
  record Put(String path, String value, boolean dir, long expireAtMs, boolean refresh,
             PrevExist prevExist, String prevValue, long prevIndex, long timeMs) implements StoreCommand {}

  /** POST /v2/keys/...: create an in-order key under {@code path} named after the new index. */
  record Post(String path, String value, boolean dir, long expireAtMs, long timeMs) implements StoreCommand {}

  /** DELETE /v2/keys/...: delete or compareAndDelete. */
  record Delete(String path, boolean dir, boolean recursive, String prevValue, long prevIndex,
                long timeMs) implements StoreCommand {}

  /** The leader's periodic clock tick: removes every key whose expiration is at or before {@code timeMs}. */
  record Expire(long timeMs) implements StoreCommand {}

  /** etcd's tri-state prevExist parameter. */
  enum PrevExist { UNSET, TRUE, FALSE }
}
