package io.etcdj.kvstore;

/**
 * An etcd error as a value: {@code {"errorCode":..,"message":..,"cause":..,"index":..}}.
 * {@code index} is the store index at the time of the error.
 */
public record StoreError(ErrorCode code, String cause, long index) {
  /** The JSON body etcd sends for this error (ends with a newline, as etcd's does). */
  public byte[] toJson() { throw new UnsupportedOperationException("skeleton"); }
}
