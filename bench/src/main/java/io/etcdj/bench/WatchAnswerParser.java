package io.etcdj.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads the few fields the watch bench needs from a v2 watch answer with Jackson's streaming
 * parser: node.modifiedIndex and the send time at the start of node.value, or errorCode/index.
 * Thread-safe (JsonFactory is; each call has its own parser).
 */
final class WatchAnswerParser {
  private static final JsonFactory JSON = new JsonFactory();

  private WatchAnswerParser() {}

  static WatchAnswer parse(byte[] buf, int offset, int length) {
    try (JsonParser p = JSON.createParser(buf, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return new WatchAnswer.Unreadable("not an object");
      long index = -1;
      long sent = -1;
      int errorCode = 0;
      long errorIndex = -1;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "node" -> {
            if (value != JsonToken.START_OBJECT) {
              p.skipChildren();
              continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String nf = p.currentName();
              p.nextToken();
              if (nf.equals("modifiedIndex")) {
                index = p.getLongValue();
              } else if (nf.equals("value")) {
                sent = leadingNumber(p.getText());
              } else {
                p.skipChildren();
              }
            }
          }
          case "errorCode" -> errorCode = p.getIntValue();
          case "index" -> errorIndex = p.getLongValue();
          default -> p.skipChildren();
        }
      }
      if (errorCode != 0) return new WatchAnswer.Error(errorCode, errorIndex);
      if (index >= 0) return new WatchAnswer.Event(index, sent);
      return new WatchAnswer.Unreadable("no node.modifiedIndex");
    } catch (IOException | RuntimeException e) {
      return new WatchAnswer.Unreadable(e.getMessage());
    }
  }

  static WatchAnswer parse(byte[] body) { return parse(body, 0, body.length); }

  /** The decimal number a value starts with (the writer's nanoTime), or -1. */
  static long leadingNumber(String s) {
    if (s == null) return -1;
    long n = 0;
    int i = 0;
    boolean negative = !s.isEmpty() && s.charAt(0) == '-';
    if (negative) i = 1;
    int start = i;
    for (; i < s.length() && i < 20; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') break;
      n = n * 10 + (c - '0');
    }
    if (i == start) return -1;
    return negative ? -n : n;
  }
}
