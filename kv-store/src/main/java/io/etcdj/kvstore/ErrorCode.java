package io.etcdj.kvstore;

/** etcd's v2 error catalogue: code, message and the HTTP status etcd answers with. */
public enum ErrorCode {
  // filled in from etcd's v2error package: KEY_NOT_FOUND(100, "Key not found", 404), ...
  KEY_NOT_FOUND(100, "Key not found", 404);

  public final int code;
  public final String message;
  public final int httpStatus;

  ErrorCode(int code, String message, int httpStatus) {
    this.code = code;
    this.message = message;
    this.httpStatus = httpStatus;
  }
}
