package io.etcdj.http;

import java.util.ArrayList;
import java.util.List;

/** Go's ServeMux cleanPath: path.Clean, keeping a trailing slash. A request whose path changes is redirected. */
final class PathCleaner {
  private PathCleaner() {}

  static String clean(String p) {
    if (isClean(p)) {
      return p; // the common case, without allocating
    }
    if (p.isEmpty()) {
      return "/";
    }
    if (p.charAt(0) != '/') {
      p = "/" + p;
    }
    List<String> parts = new ArrayList<>();
    for (String part : p.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
        continue;
      }
      parts.add(part);
    }
    String cleaned = "/" + String.join("/", parts);
    if (p.endsWith("/") && !cleaned.equals("/")) {
      cleaned += "/";
    }
    return cleaned;
  }

  /** No empty (except a trailing one), "." or ".." segment: what cleanPath returns unchanged. */
  private static boolean isClean(String p) {
    int n = p.length();
    if (n == 0 || p.charAt(0) != '/') {
      return false;
    }
    int segmentStart = 1;
    for (int i = 1; i <= n; i++) {
      if (i < n && p.charAt(i) != '/') {
        continue;
      }
      int len = i - segmentStart;
      boolean last = i == n;
      if ((len == 0 && !last)
          || (len == 1 && p.charAt(segmentStart) == '.')
          || (len == 2 && p.charAt(segmentStart) == '.' && p.charAt(segmentStart + 1) == '.')) {
        return false;
      }
      segmentStart = i + 1;
    }
    return true;
  }
}
