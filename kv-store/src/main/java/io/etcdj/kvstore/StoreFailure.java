package io.etcdj.kvstore;

/**
 * Carries an etcd error out of the tree walk to the operation that turns it into a
 * {@link StoreResult.Err}. Internal only, never escapes the store; no stack trace, so it is cheap.
 */
final class StoreFailure extends RuntimeException {
  final StoreError error;
  /** etcd returns some errors without marking the operation failed in its stats. */
  final boolean countsAsSuccess;

  StoreFailure(StoreError error, boolean countsAsSuccess) {
    super(null, null, false, false);
    this.error = error;
    this.countsAsSuccess = countsAsSuccess;
  }

  StoreFailure(StoreError error) {
    this(error, false);
  }
}
