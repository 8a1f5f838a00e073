package io.etcdj.http.keys;

/** Go's {@code path.Clean}, used both for ServeMux's redirect of unclean URLs and etcd's key paths. */
final class GoPath {
  private GoPath() {}

  static String clean(String p) {
    if (p.isEmpty()) {
      return ".";
    }
    if (isClean(p)) {
      return p;
    }
    boolean rooted = p.charAt(0) == '/';
    int n = p.length();
    StringBuilder out = new StringBuilder(n);
    int r = 0;
    int dotdot = 0; // length of out that '..' cannot backtrack past
    if (rooted) {
      out.append('/');
      r = 1;
      dotdot = 1;
    }
    while (r < n) {
      char c = p.charAt(r);
      if (c == '/') {
        r++;
      } else if (c == '.' && (r + 1 == n || p.charAt(r + 1) == '/')) {
        r++;
      } else if (c == '.' && p.charAt(r + 1) == '.' && (r + 2 == n || p.charAt(r + 2) == '/')) {
        r += 2;
        if (out.length() > dotdot) {
          int w = out.length() - 1;
          while (w > dotdot && out.charAt(w) != '/') {
            w--;
          }
          out.setLength(w);
        } else if (!rooted) {
          if (out.length() > 0) {
            out.append('/');
          }
          out.append("..");
          dotdot = out.length();
        }
      } else {
        if ((rooted && out.length() != 1) || (!rooted && out.length() != 0)) {
          out.append('/');
        }
        while (r < n && p.charAt(r) != '/') {
          out.append(p.charAt(r));
          r++;
        }
      }
    }
    return out.length() == 0 ? "." : out.toString();
  }

  /** Fast check for the common case: no "//", no "." or ".." element, no trailing '/'. */
  private static boolean isClean(String p) {
    int n = p.length();
    if (n > 1 && p.charAt(n - 1) == '/') {
      return false;
    }
    int segStart = 0;
    for (int i = 0; i <= n; i++) {
      if (i == n || p.charAt(i) == '/') {
        int len = i - segStart;
        if (i < n && len == 0 && i != 0) {
          return false;
        }
        if (len == 1 && p.charAt(segStart) == '.') {
          return false;
        }
        if (len == 2 && p.charAt(segStart) == '.' && p.charAt(segStart + 1) == '.') {
          return false;
        }
        segStart = i + 1;
      }
    }
    return true;
  }
}
