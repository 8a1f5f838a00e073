package io.etcdj.http.keys;

/** Go's {@code strconv.Quote}, for the error causes etcd builds with it (URL escape errors). */
public final class GoQuote {
  private GoQuote() {}

  public static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      appendQuotedRune(b, cp);
    }
    return b.append('"').toString();
  }

  /** Quotes raw bytes as Go quotes a string holding them: invalid UTF-8 bytes as \xNN. */
  static String quoteBytes(byte[] bytes) {
    StringBuilder b = new StringBuilder(bytes.length + 2).append('"');
    int i = 0;
    while (i < bytes.length) {
      int lead = bytes[i] & 0xff;
      int need = lead < 0x80 ? 0 : lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2
          : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
      int cp = need == 1 ? lead & 0x1f : need == 2 ? lead & 0x0f : lead & 0x07;
      boolean valid = need >= 0 && i + need < bytes.length + (need == 0 ? 1 : 0);
      for (int k = 1; valid && k <= need; k++) {
        int c = bytes[i + k] & 0xff;
        valid = (c & 0xc0) == 0x80;
        cp = (cp << 6) | (c & 0x3f);
      }
      if (need == 0) {
        appendQuotedRune(b, lead);
        i++;
      } else if (valid && !(need == 2 && (cp < 0x800 || Character.isSurrogate((char) cp)))
          && !(need == 3 && (cp < 0x10000 || cp > 0x10ffff))) {
        appendQuotedRune(b, cp);
        i += need + 1;
      } else {
        b.append("\\x").append(hex2(lead));
        i++;
      }
    }
    return b.append('"').toString();
  }

  private static void appendQuotedRune(StringBuilder b, int cp) {
    switch (cp) {
      case '"' -> b.append("\\\"");
      case '\\' -> b.append("\\\\");
      case 7 -> b.append("\\a");
      case '\b' -> b.append("\\b");
      case '\f' -> b.append("\\f");
      case '\n' -> b.append("\\n");
      case '\r' -> b.append("\\r");
      case '\t' -> b.append("\\t");
      case 11 -> b.append("\\v");
      default -> appendRune(b, cp);
    }
  }

  private static void appendRune(StringBuilder b, int cp) {
    if (cp < 0x20 || cp == 0x7f) {
      b.append("\\x").append(hex2(cp));
    } else if (cp == 0xfffd || isPrintable(cp)) {
      b.appendCodePoint(cp);
    } else if (cp < 0x10000) {
      b.append("\\u").append(String.format("%04x", cp));
    } else {
      b.append("\\U").append(String.format("%08x", cp));
    }
  }

  private static boolean isPrintable(int cp) {
    int type = Character.getType(cp);
    return cp < 0x7f
        || !(type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
            || type == Character.SURROGATE || type == Character.PRIVATE_USE
            || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
            || (Character.isSpaceChar(cp) && cp != ' '));
  }

  private static String hex2(int v) {
    return Character.forDigit(v >> 4, 16) + "" + Character.forDigit(v & 15, 16);
  }
}
