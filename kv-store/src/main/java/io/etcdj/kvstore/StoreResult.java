package io.etcdj.kvstore;

/** What an operation on the store gives: an event, or an etcd error. */
public sealed interface StoreResult permits StoreResult.Ok, StoreResult.Err {
  record Ok(Event event) implements StoreResult {}
  record Err(StoreError error) implements StoreResult {}
}
