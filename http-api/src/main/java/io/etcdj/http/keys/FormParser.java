package io.etcdj.http.keys;

/**
 * Go's {@code url.ParseQuery} into a {@link FormValues}: '&'-separated pairs, a pair containing
 * ';' is an error, empty pairs are skipped, the first error is reported but parsing goes on (so
 * the caller sees what Go's r.Form would hold alongside the error).
 */
final class FormParser {
  static final String SEMICOLON_ERROR = "invalid semicolon separator in query";

  private FormParser() {}

  /**
   * Adds the pairs of {@code query} (a query string, or a {@link FormBody}) to {@code into};
   * returns Go's first error text, or null.
   */
  static String parseInto(CharSequence query, FormValues into) {
    String firstError = null;
    int len = query.length();
    int start = 0;
    while (start < len) {
      int end = start;
      while (end < len && query.charAt(end) != '&') {
        end++;
      }
      String error = parsePair(query, start, end, into);
      if (error != null && firstError == null) {
        firstError = error;
      }
      start = end + 1;
    }
    return firstError;
  }

  private static String parsePair(CharSequence query, int start, int end, FormValues into) {
    if (start == end) {
      return null;
    }
    int eq = -1;
    for (int i = start; i < end; i++) {
      char c = query.charAt(i);
      if (c == ';') {
        return SEMICOLON_ERROR;
      }
      if (c == '=' && eq < 0) {
        eq = i;
      }
    }
    try {
      String name = UrlUnescaper.queryUnescape(query, start, eq < 0 ? end : eq);
      String value = eq < 0 ? "" : UrlUnescaper.queryUnescape(query, eq + 1, end);
      into.add(name, value);
      return null;
    } catch (MalformedFormException e) {
      return e.getMessage();
    }
  }
}
