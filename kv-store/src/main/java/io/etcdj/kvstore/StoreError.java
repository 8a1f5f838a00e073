package io.etcdj.kvstore;

/**
 * An etcd error as a value: {@code {"errorCode":..,"message":..,"cause":..,"index":..}}.
 * {@code index} is the store index at the time of the error.
 */
public record StoreError(ErrorCode code, String cause, long index) {
  /** The JSON body etcd sends for this error (ends with a newline, as etcd's does). */
  public byte[] toJson() {
    GoJsonWriter w = new GoJsonWriter(64 + (cause == null ? 0 : cause.length()) + code.message.length());
    w.raw("{\"errorCode\":").number(code.code).raw(",\"message\":").string(code.message);
    if (cause != null && !cause.isEmpty()) {
      w.raw(",\"cause\":").string(cause);
    }
    return w.raw(",\"index\":").unsigned(index).raw("}\n").toBytes();
  }

  /** The same error with {@code prefix} cut from the cause, as etcd trims its keys prefix. */
  public StoreError trimPrefix(String prefix) {
    if (cause == null || !cause.startsWith(prefix)) {
      return this;
    }
    return new StoreError(code, cause.substring(prefix.length()), index);
  }

  /** The same error with another index (etcd sets the store index on errors found below it). */
  public StoreError withIndex(long newIndex) {
    return newIndex == index ? this : new StoreError(code, cause, newIndex);
  }
}
