package io.etcdj.http.keys;

/** Go's strconv.ParseBool and ParseUint(s, 10, 64), which decide what etcd accepts. */
final class GoValues {
  /** Sentinel for "not a valid uint64"; real values are returned as unsigned bits in a long. */
  static final class NotANumber extends Exception {
    static final NotANumber INSTANCE = new NotANumber();

    private NotANumber() {
      super(null, null, false, false);
    }
  }

  private GoValues() {}

  /** Returns Boolean.TRUE/FALSE, or null when Go's ParseBool would fail. */
  static Boolean parseBool(String s) {
    return switch (s) {
      case "1", "t", "T", "TRUE", "true", "True" -> Boolean.TRUE;
      case "0", "f", "F", "FALSE", "false", "False" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** Decimal digits only, up to 2^64-1; the result holds the unsigned value's bits. */
  static long parseUint64(String s) throws NotANumber {
    int len = s.length();
    if (len == 0 || len > 20) {
      throw NotANumber.INSTANCE;
    }
    long v = 0;
    for (int i = 0; i < len; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        throw NotANumber.INSTANCE;
      }
      if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0) {
        throw NotANumber.INSTANCE;
      }
      long next = v * 10 + d;
      if (Long.compareUnsigned(next, v * 10) < 0) {
        throw NotANumber.INSTANCE;
      }
      v = next;
    }
    return v;
  }
}
