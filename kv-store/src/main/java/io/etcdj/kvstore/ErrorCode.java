package io.etcdj.kvstore;

/**
 * etcd's v2 error catalogue (v2error/error.go): code, message and the HTTP status etcd answers
 * with. Statuses not listed in etcd's errorStatus map are 400, as there.
 */
public enum ErrorCode {
  KEY_NOT_FOUND(100, "Key not found", 404),
  TEST_FAILED(101, "Compare failed", 412),
  NOT_FILE(102, "Not a file", 403),
  NO_MORE_PEER(103, "Reached the max number of peers in the cluster", 400),
  NOT_DIR(104, "Not a directory", 400),
  NODE_EXIST(105, "Key already exists", 412),
  KEY_IS_PRESERVED(106, "The prefix of given key is a keyword in etcd", 400),
  ROOT_READ_ONLY(107, "Root is read only", 400),
  DIR_NOT_EMPTY(108, "Directory not empty", 403),
  EXISTING_PEER_ADDR(109, "Peer address has existed", 400),
  UNAUTHORIZED(110, "The request requires user authentication", 401),

  VALUE_REQUIRED(200, "Value is Required in POST form", 400),
  PREV_VALUE_REQUIRED(201, "PrevValue is Required in POST form", 400),
  TTL_NAN(202, "The given TTL in POST form is not a number", 400),
  INDEX_NAN(203, "The given index in POST form is not a number", 400),
  VALUE_OR_TTL_REQUIRED(204, "Value or TTL is required in POST form", 400),
  TIMEOUT_NAN(205, "The given timeout in POST form is not a number", 400),
  NAME_REQUIRED(206, "Name is required in POST form", 400),
  INDEX_OR_VALUE_REQUIRED(207, "Index or value is required", 400),
  INDEX_VALUE_MUTEX(208, "Index and value cannot both be specified", 400),
  INVALID_FIELD(209, "Invalid field", 400),
  INVALID_FORM(210, "Invalid POST form", 400),
  REFRESH_VALUE(211, "Value provided on refresh", 400),
  REFRESH_TTL_REQUIRED(212, "A TTL must be provided on refresh", 400),

  RAFT_INTERNAL(300, "Raft Internal Error", 500),
  LEADER_ELECT(301, "During Leader Election", 500),

  WATCHER_CLEARED(400, "watcher is cleared due to etcd recovery", 400),
  EVENT_INDEX_CLEARED(401, "The event in requested index is outdated and cleared", 400),
  STANDBY_INTERNAL(402, "Standby Internal Error", 400),
  INVALID_ACTIVE_SIZE(403, "Invalid active size", 400),
  INVALID_REMOVE_DELAY(404, "Standby remove delay", 400),

  CLIENT_INTERNAL(500, "Client Internal Error", 400);

  public final int code;
  public final String message;
  public final int httpStatus;

  ErrorCode(int code, String message, int httpStatus) {
    this.code = code;
    this.message = message;
    this.httpStatus = httpStatus;
  }

  private static final ErrorCode[] BY_CODE = new ErrorCode[501];

  static {
    for (ErrorCode c : values()) {
      BY_CODE[c.code] = c;
    }
  }

  /** The entry for an etcd error code, e.g. 100 -> KEY_NOT_FOUND. */
  public static ErrorCode ofCode(int code) {
    ErrorCode c = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    if (c == null) {
      throw new IllegalArgumentException("unknown etcd error code " + code);
    }
    return c;
  }
}
