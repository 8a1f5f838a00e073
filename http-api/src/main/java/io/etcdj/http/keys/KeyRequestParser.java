package io.etcdj.http.keys;

import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreCommand.PrevExist;

/**
 * etcd 3.4's parseKeyRequest (v2http/client.go): the same parameters, checked in the same order,
 * failing with the same codes and causes. Stateless; called on event loops.
 */
final class KeyRequestParser {
  /** etcd's StoreKeysPrefix: client keys live under "/1" in the store. */
  static final String KEYS_PREFIX = io.etcdj.kvstore.Store.KEYS_PREFIX;

  /** v2store's minExpireTime (2000-01-01): an earlier expiration means "permanent". */
  private static final long MIN_EXPIRE_MS = 946_684_800_000L;

  /** Go's maxFormSize: a larger form body is refused ("http: POST too large"). */
  static final int MAX_FORM_BYTES = 10 << 20;
  static final String POST_TOO_LARGE = "http: POST too large";

  private KeyRequestParser() {}

  /**
   * @param method one of GET, HEAD, PUT, POST, DELETE (others are refused before parsing)
   * @param keyPath the decoded URL path after "/v2/keys" ("" or "/...")
   * @param rawQuery the undecoded query string, "" when absent
   * @param contentType the Content-Type header, null when absent
   * @param body the body as one char per byte (ISO-8859-1, e.g. a {@link FormBody}); "" when empty
   * @param nowMs the proposer's wall clock, for TTLs
   */
  static ParsedKeyRequest parse(String method, String keyPath, String rawQuery,
                                       String contentType, CharSequence body, long nowMs) {
    return parse(method, keyPath, rawQuery, contentType, body, null, nowMs);
  }

  /** @param bodyError Go's error reading the body ({@link GoBodyError}), null when it was read whole */
  static ParsedKeyRequest parse(String method, String keyPath, String rawQuery,
                                String contentType, CharSequence body, String bodyError, long nowMs) {
    FormValues form = new FormValues();
    String formError = null;
    if (method.equals("PUT") || method.equals("POST")) {
      try {
        if (ContentType.isForm(contentType)) {
          formError = bodyError != null ? bodyError
              : body.length() > MAX_FORM_BYTES ? POST_TOO_LARGE : FormParser.parseInto(body, form);
        }
      } catch (MalformedFormException e) {
        formError = e.getMessage();
      }
    }
    if (!rawQuery.isEmpty()) {
      String queryError = FormParser.parseInto(rawQuery, form);
      if (formError == null) {
        formError = queryError;
      }
    }
    if (formError != null) {
      return invalid(RequestError.invalidForm(formError));
    }
    return parseForm(method, storePath(keyPath), form, nowMs);
  }

  /** etcd's path.Join(StoreKeysPrefix, keyPath). */
  static String storePath(String keyPath) {
    if (keyPath.isEmpty() || keyPath.equals("/")) {
      return KEYS_PREFIX;
    }
    return GoPath.clean(keyPath.charAt(0) == '/' ? KEYS_PREFIX + keyPath : KEYS_PREFIX + "/" + keyPath);
  }

  private static ParsedKeyRequest parseForm(String method, String path, FormValues form, long nowMs) {
    long prevIndex;
    long waitIndex;
    try {
      prevIndex = uint64(form, "prevIndex");
    } catch (GoValues.NotANumber e) {
      return invalid(RequestError.indexNaN("invalid value for \"prevIndex\""));
    }
    try {
      waitIndex = uint64(form, "waitIndex");
    } catch (GoValues.NotANumber e) {
      return invalid(RequestError.indexNaN("invalid value for \"waitIndex\""));
    }
    Boolean recursive = bool(form, "recursive");
    Boolean sorted = bool(form, "sorted");
    Boolean wait = bool(form, "wait");
    Boolean dir = bool(form, "dir");
    Boolean quorum = bool(form, "quorum");
    Boolean stream = bool(form, "stream");
    String badFlag = recursive == null ? "recursive" : sorted == null ? "sorted"
        : wait == null ? "wait" : dir == null ? "dir" : quorum == null ? "quorum"
        : stream == null ? "stream" : null;
    if (badFlag != null) {
      return invalid(RequestError.invalidField("invalid value for \"" + badFlag + "\""));
    }
    if (wait && !method.equals("GET")) {
      return invalid(RequestError.invalidField("\"wait\" can only be used with GET requests"));
    }
    String prevValue = form.first("prevValue");
    if (prevValue != null && prevValue.isEmpty()) {
      return invalid(RequestError.prevValueRequired("\"prevValue\" cannot be empty"));
    }
    Boolean noValueOnSuccess = bool(form, "noValueOnSuccess");
    if (noValueOnSuccess == null) {
      return invalid(RequestError.invalidField("invalid value for \"noValueOnSuccess\""));
    }
    long expireAtMs = 0;
    boolean hasTtl = false;
    String ttlText = form.first("ttl");
    if (ttlText != null && !ttlText.isEmpty()) {
      try {
        expireAtMs = expireAtMs(nowMs, GoValues.parseUint64(ttlText));
        hasTtl = true;
      } catch (GoValues.NotANumber e) {
        return invalid(RequestError.ttlNaN("invalid value for \"ttl\""));
      }
    }
    PrevExist prevExist = PrevExist.UNSET;
    if (form.contains("prevExist")) {
      Boolean pe = bool(form, "prevExist");
      if (pe == null) {
        return invalid(RequestError.invalidField("invalid value for prevExist"));
      }
      prevExist = pe ? PrevExist.TRUE : PrevExist.FALSE;
    }
    boolean refresh = false;
    if (form.contains("refresh")) {
      Boolean r = bool(form, "refresh");
      if (r == null) {
        return invalid(RequestError.invalidField("invalid value for refresh"));
      }
      refresh = r;
      if (refresh) {
        String value = form.first("value");
        if (value != null && !value.isEmpty()) {
          return invalid(RequestError.refreshValue("A value was provided on a refresh"));
        }
        if (!hasTtl) {
          return invalid(RequestError.refreshTtlRequired("No TTL value set"));
        }
      }
    }
    String value = form.valueOrEmpty("value");
    String prevValueOrEmpty = prevValue == null ? "" : prevValue;
    KeyRequest request = switch (method) {
      case "GET" -> quorum ? new KeyRequest.Read(path, recursive, sorted, true, false)
          : wait ? new KeyRequest.Watch(path, recursive, stream, clampUnsigned(waitIndex))
          : new KeyRequest.Read(path, recursive, sorted, false, false);
      case "HEAD" -> new KeyRequest.Read(path, recursive, sorted, false, true);
      case "PUT" -> new KeyRequest.Write(new StoreCommand.Put(path, value, dir, expireAtMs, refresh,
          prevExist, prevValueOrEmpty, prevIndex, nowMs), noValueOnSuccess, recursive);
      case "POST" -> new KeyRequest.Write(
          new StoreCommand.Post(path, value, dir, expireAtMs, nowMs), noValueOnSuccess, recursive);
      case "DELETE" -> new KeyRequest.Write(new StoreCommand.Delete(path, dir, recursive,
          prevValueOrEmpty, prevIndex, nowMs), noValueOnSuccess, recursive);
      default -> throw new IllegalArgumentException("method not allowed here: " + method);
    };
    return new ParsedKeyRequest.Valid(request);
  }

  /**
   * etcd computes now + time.Duration(ttl)*time.Second in int64 nanoseconds, wrapping on
   * overflow, and v2store treats an expiration before 2000 as permanent. Java's long arithmetic
   * wraps the same way, so huge TTLs end up exactly where etcd puts them.
   */
  static long expireAtMs(long nowMs, long ttlSecondsUnsigned) {
    long expireNanos = nowMs * 1_000_000L + ttlSecondsUnsigned * 1_000_000_000L;
    long expireMs = Math.floorDiv(expireNanos, 1_000_000L);
    return expireMs < MIN_EXPIRE_MS ? 0 : expireMs;
  }

  /** Beyond Long.MAX_VALUE a wait index is as unreachable as Long.MAX_VALUE itself; prevIndex keeps
   *  its uint64 bits instead, because etcd prints it back in the compare-failed cause. */
  private static long clampUnsigned(long unsignedBits) {
    return unsignedBits < 0 ? Long.MAX_VALUE : unsignedBits;
  }

  private static long uint64(FormValues form, String name) throws GoValues.NotANumber {
    String v = form.first(name);
    return v == null ? 0 : GoValues.parseUint64(v);
  }

  /** Go's getBool: false when absent, null when present but not a Go boolean. */
  private static Boolean bool(FormValues form, String name) {
    String v = form.first(name);
    return v == null ? Boolean.FALSE : GoValues.parseBool(v);
  }

  private static ParsedKeyRequest invalid(RequestError error) {
    return new ParsedKeyRequest.Invalid(error);
  }
}
