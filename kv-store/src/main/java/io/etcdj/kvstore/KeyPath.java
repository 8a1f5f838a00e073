package io.etcdj.kvstore;

/** Key path helpers with Go's path package semantics (etcd cleans every key with path.Clean). */
final class KeyPath {
  private KeyPath() {}

  /** Go's path.Clean(path.Join("/", key)); already-clean keys (the usual case) are returned as is. */
  static String clean(String key) {
    if (key == null || key.isEmpty()) {
      return "/";
    }
    if (isClean(key)) {
      return key;
    }
    return slowClean("/" + key);
  }

  private static boolean isClean(String p) {
    int n = p.length();
    if (p.charAt(0) != '/') {
      return false;
    }
    if (n == 1) {
      return true;
    }
    if (p.charAt(n - 1) == '/') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (p.charAt(i) == '/') {
        // a segment starts at i+1: reject "//", "/." and "/.."
        char next = p.charAt(i + 1);
        if (next == '/') {
          return false;
        }
        if (next == '.') {
          boolean endsAfterDot = i + 2 == n || p.charAt(i + 2) == '/';
          boolean dotDot = i + 2 < n && p.charAt(i + 2) == '.' && (i + 3 == n || p.charAt(i + 3) == '/');
          if (endsAfterDot || dotDot) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Go's path.Clean for a rooted path. */
  private static String slowClean(String p) {
    int n = p.length();
    StringBuilder out = new StringBuilder(n);
    int r = 0;
    out.append('/');
    r = 1;
    while (r < n) {
      if (p.charAt(r) == '/') {
        r++;
      } else if (p.charAt(r) == '.' && (r + 1 == n || p.charAt(r + 1) == '/')) {
        r++;
      } else if (p.charAt(r) == '.' && p.charAt(r + 1) == '.' && (r + 2 == n || p.charAt(r + 2) == '/')) {
        r += 2;
        int w = out.length();
        if (w > 1) {
          w--;
          while (w > 1 && out.charAt(w) != '/') {
            w--;
          }
          out.setLength(w);
        }
      } else {
        if (out.length() != 1) {
          out.append('/');
        }
        while (r < n && p.charAt(r) != '/') {
          out.append(p.charAt(r++));
        }
      }
    }
    return out.toString();
  }

  /** The last segment of a clean path ("/a/b" -> "b", "/" -> ""). */
  static String name(String cleanPath) {
    return cleanPath.substring(cleanPath.lastIndexOf('/') + 1);
  }

  /** Go's path.Join(parent, name) for a clean parent and a plain segment. */
  static String join(String parent, String name) {
    return parent.length() == 1 ? "/" + name : parent + "/" + name;
  }

  /** etcd's hidden rule: a node whose own name starts with '_'. */
  static boolean isHiddenName(String name) {
    return !name.isEmpty() && name.charAt(0) == '_';
  }

  /**
   * etcd's isHidden(watchPath, keyPath): whether keyPath lies in a hidden node relative to the
   * watched path (the last element or any directory between them starts with '_').
   */
  static boolean hiddenFrom(String watchPath, String keyPath) {
    if (watchPath.length() > keyPath.length()) {
      return false;
    }
    String after = clean("/" + keyPath.substring(watchPath.length()));
    return after.contains("/_");
  }

  /** Go's byte-wise string order (UTF-8 order equals code point order). */
  static int compareGo(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (GoBytes.isEscapedByte(a, i) || GoBytes.isEscapedByte(b, i)) {
          // a raw byte (GoBytes) sorts where its byte does: compare what the rest stands for
          return java.util.Arrays.compareUnsigned(GoBytes.encode(a.substring(i)), GoBytes.encode(b.substring(i)));
        }
        boolean sx = Character.isSurrogate(x);
        boolean sy = Character.isSurrogate(y);
        if (sx != sy) {
          // surrogates encode code points above every BMP char
          return sx ? 1 : -1;
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }
}
