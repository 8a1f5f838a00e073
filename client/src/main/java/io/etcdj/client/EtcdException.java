package io.etcdj.client;

/**
 * An error the server answered with: etcd's {@code {"errorCode","message","cause","index"}} body
 * plus the HTTP status. {@link #getMessage()} reads like etcdctl's: {@code 100: Key not found (/foo) [5]}.
 */
public final class EtcdException extends RuntimeException {
  private final int errorCode;
  private final String etcdMessage;
  private final String cause;
  private final long index;
  private final int httpStatus;

  public EtcdException(int errorCode, String message, String cause, long index, int httpStatus) {
    super(errorCode + ": " + message + " (" + (cause == null ? "" : cause) + ") [" + index + "]");
    this.errorCode = errorCode;
    this.etcdMessage = message;
    this.cause = cause == null ? "" : cause;
    this.index = index;
    this.httpStatus = httpStatus;
  }

  public int errorCode() { return errorCode; }
  /** etcd's own message, e.g. "Key not found" (getMessage() is the etcdctl-style line). */
  public String message() { return etcdMessage; }
  /** etcd's cause field, usually the key (not the Throwable cause: see {@link #getCause()}). */
  public String cause() { return cause; }
  /** The same as {@link #cause()}, under a name that cannot be mistaken for {@link Throwable#getCause()}. */
  public String errorCause() { return cause; }
  public long index() { return index; }
  public int httpStatus() { return httpStatus; }
}
