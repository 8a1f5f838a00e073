package io.etcdj.http.keys;

/**
 * The part of Go's {@code mime.ParseMediaType} that {@code r.ParseForm} depends on: is the body a
 * URL-encoded form, and if the header is malformed, which error text Go gives.
 */
final class ContentType {
  static final String FORM = "application/x-www-form-urlencoded";

  private ContentType() {}

  /**
   * Whether a body with this Content-Type header is parsed as a form.
   *
   * @throws MalformedFormException with Go's mime error text when the header is malformed
   */
  static boolean isForm(String header) throws MalformedFormException {
    if (header == null || header.isEmpty()) {
      return false; // Go treats it as application/octet-stream
    }
    if (header.equalsIgnoreCase(FORM)) {
      return true; // what nearly every client sends: a valid media type without parameters
    }
    int semi = header.indexOf(';');
    String base = (semi < 0 ? header : header.substring(0, semi)).trim();
    checkMediaType(base);
    if (semi >= 0) {
      checkParameters(header.substring(semi));
    }
    return base.equalsIgnoreCase(FORM);
  }

  /** Go's checkMediaTypeDisposition: token, optionally "/" token, nothing else. */
  private static void checkMediaType(String base) throws MalformedFormException {
    int i = tokenEnd(base, 0);
    if (i == 0) {
      throw new MalformedFormException("mime: no media type");
    }
    if (i == base.length()) {
      return;
    }
    if (base.charAt(i) != '/') {
      throw new MalformedFormException("mime: expected slash after first token");
    }
    int j = tokenEnd(base, i + 1);
    if (j == i + 1) {
      throw new MalformedFormException("mime: expected token after slash");
    }
    if (j != base.length()) {
      throw new MalformedFormException("mime: unexpected content after media subtype");
    }
  }

  private static int tokenEnd(String s, int i) {
    while (i < s.length() && isTokenChar(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** {@code rest} starts at the first ';'. Each parameter must be token=token or token="quoted". */
  private static void checkParameters(String rest) throws MalformedFormException {
    int i = 0;
    int len = rest.length();
    while (true) {
      i = skipSpaces(rest, i);
      if (i >= len) {
        return;
      }
      if (rest.charAt(i) != ';') {
        throw new MalformedFormException("mime: invalid media parameter");
      }
      i = skipSpaces(rest, i + 1);
      if (i >= len) {
        return; // a trailing ';' is ignored
      }
      if (rest.charAt(i) == ';') {
        continue;
      }
      int keyStart = i;
      while (i < len && isTokenChar(rest.charAt(i))) {
        i++;
      }
      if (i == keyStart) {
        throw new MalformedFormException("mime: invalid media parameter");
      }
      i = skipSpaces(rest, i);
      if (i >= len || rest.charAt(i) != '=') {
        throw new MalformedFormException("mime: invalid media parameter");
      }
      i = skipSpaces(rest, i + 1);
      i = skipValue(rest, i);
    }
  }

  private static int skipValue(String s, int i) throws MalformedFormException {
    int len = s.length();
    if (i < len && s.charAt(i) == '"') {
      for (int j = i + 1; j < len; j++) {
        char c = s.charAt(j);
        if (c == '\\') {
          j++;
        } else if (c == '"') {
          return j + 1;
        }
      }
      throw new MalformedFormException("mime: invalid media parameter");
    }
    int start = i;
    while (i < len && isTokenChar(s.charAt(i))) {
      i++;
    }
    if (i == start) {
      throw new MalformedFormException("mime: invalid media parameter");
    }
    return i;
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isTokenChar(char c) {
    return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?=".indexOf(c) < 0;
  }
}
