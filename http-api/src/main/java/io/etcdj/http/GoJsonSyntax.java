package io.etcdj.http;

/**
 * Checks JSON syntax and names the first error the way Go's encoding/json scanner does
 * ("invalid character 'n' looking for beginning of object key string", "unexpected end of JSON
 * input"), because etcd returns those messages verbatim in its 400 answers.
 */
final class GoJsonSyntax {
  private final byte[] in;
  private int pos;

  private GoJsonSyntax(byte[] in) { this.in = in; }

  /** Go's error message for {@code json}, or null when it is well-formed. */
  static String error(byte[] json) {
    GoJsonSyntax scanner = new GoJsonSyntax(json);
    try {
      scanner.skipSpace();
      scanner.value();
      scanner.skipSpace();
      if (scanner.pos < json.length) {
        throw scanner.invalid("after top-level value");
      }
      return null;
    } catch (SyntaxError e) {
      return e.getMessage();
    }
  }

  private static final class SyntaxError extends RuntimeException {
    SyntaxError(String message) { super(message, null, false, false); }
  }

  private void value() {
    int c = next("looking for beginning of value");
    switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          number(c);
        } else {
          pos--;
          throw invalid("looking for beginning of value");
        }
      }
    }
  }

  private void object() {
    skipSpace();
    if (peek() == '}') {
      pos++;
      return;
    }
    while (true) {
      skipSpace();
      if (next("looking for beginning of object key string") != '"') {
        pos--;
        throw invalid("looking for beginning of object key string");
      }
      string();
      skipSpace();
      if (next("after object key") != ':') {
        pos--;
        throw invalid("after object key");
      }
      skipSpace();
      value();
      skipSpace();
      int c = next("after object key:value pair");
      if (c == '}') {
        return;
      }
      if (c != ',') {
        pos--;
        throw invalid("after object key:value pair");
      }
    }
  }

  private void array() {
    skipSpace();
    if (peek() == ']') {
      pos++;
      return;
    }
    while (true) {
      skipSpace();
      value();
      skipSpace();
      int c = next("after array element");
      if (c == ']') {
        return;
      }
      if (c != ',') {
        pos--;
        throw invalid("after array element");
      }
    }
  }

  private void string() {
    while (true) {
      int c = next("in string literal");
      if (c == '"') {
        return;
      }
      if (c < 0x20) {
        pos--;
        throw invalid("in string literal");
      }
      if (c == '\\') {
        int e = next("in string escape code");
        if (e == 'u') {
          for (int i = 0; i < 4; i++) {
            int h = next("in \\u hexadecimal character escape");
            if (Character.digit(h, 16) < 0) {
              pos--;
              throw invalid("in \\u hexadecimal character escape");
            }
          }
        } else if ("\"\\/bfnrt".indexOf(e) < 0) {
          pos--;
          throw invalid("in string escape code");
        }
      }
    }
  }

  private void literal(String word) {
    for (int i = 1; i < word.length(); i++) {
      int c = next("in literal " + word);
      if (c != word.charAt(i)) {
        pos--;
        throw invalid("in literal " + word + " (expecting '" + word.charAt(i) + "')");
      }
    }
  }

  private void number(int first) {
    int c = first;
    if (c == '-') {
      c = next("in numeric literal");
      if (c < '0' || c > '9') {
        pos--;
        throw invalid("in numeric literal");
      }
    }
    if (c != '0') {
      digits();
    }
    if (peek() == '.') {
      pos++;
      int d = next("after decimal point in numeric literal");
      if (d < '0' || d > '9') {
        pos--;
        throw invalid("after decimal point in numeric literal");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      int d = next("in exponent of numeric literal");
      if (d == '+' || d == '-') {
        d = next("in exponent of numeric literal");
      }
      if (d < '0' || d > '9') {
        pos--;
        throw invalid("in exponent of numeric literal");
      }
      digits();
    }
  }

  private void digits() {
    while (peek() >= '0' && peek() <= '9') {
      pos++;
    }
  }

  private void skipSpace() {
    while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
      pos++;
    }
  }

  private int peek() { return pos < in.length ? in[pos] & 0xff : -1; }

  private int next(String context) {
    if (pos >= in.length) {
      throw new SyntaxError("unexpected end of JSON input");
    }
    return in[pos++] & 0xff;
  }

  private SyntaxError invalid(String context) {
    return new SyntaxError("invalid character " + quoteChar(in[pos] & 0xff) + " " + context);
  }

  /** Go's quoteChar. */
  private static String quoteChar(int c) {
    if (c == '\'') {
      return "'\\''";
    }
    if (c == '"') {
      return "'\"'";
    }
    String quoted = switch (c) {
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      case '\\' -> "\\\\";
      // Go turns the byte into the rune of the same value, then quotes it.
      default -> c < 0x20 || c == 0x7f ? String.format("\\x%02x", c)
          : (c >= 0x80 && c <= 0x9f) || c == 0xad ? String.format("\\u%04x", c) : String.valueOf((char) c);
    };
    return "'" + quoted + "'";
  }
}
