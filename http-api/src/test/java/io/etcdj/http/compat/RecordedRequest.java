package io.etcdj.http.compat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The exact bytes a fixture step sent to etcd: request line and headers (with {@code {{host}}}
 * where the Host value goes), the body, and optionally a long run of one character appended to
 * the body so a 1.5 MiB value need not be stored in the fixture.
 *
 * @param awaitContinue the head carries Expect: 100-continue and the body goes only after the
 *     server's interim answer
 */
record RecordedRequest(String head, String body, char repeatChar, int repeatCount, boolean awaitContinue) {

  static RecordedRequest from(JsonNode request) {
    JsonNode repeat = request.path("bodyRepeat");
    return new RecordedRequest(request.get("head").asText(), request.path("body").asText(""),
        repeat.isMissingNode() ? 'a' : repeat.get("char").asText().charAt(0),
        repeat.isMissingNode() ? 0 : repeat.get("count").asInt(),
        request.path("awaitContinue").asBoolean(false));
  }

  static RecordedRequest headOnly(String head) {
    return new RecordedRequest(head, "", 'a', 0, false);
  }

  byte[] bytes(String hostPort) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + body.length() + repeatCount);
    out.writeBytes(headBytes(hostPort));
    out.writeBytes(bodyBytes());
    return out.toByteArray();
  }

  byte[] headBytes(String hostPort) {
    return head.replace("{{host}}", hostPort).getBytes(StandardCharsets.UTF_8);
  }

  byte[] bodyBytes() {
    byte[] text = body.getBytes(StandardCharsets.UTF_8);
    if (repeatCount == 0) {
      return text;
    }
    byte[] all = Arrays.copyOf(text, text.length + repeatCount);
    Arrays.fill(all, text.length, all.length, (byte) repeatChar);
    return all;
  }

  /** The method token exactly as sent (case matters: "get" is not GET). */
  String method() {
    int space = head.indexOf(' ');
    return space < 0 ? head : head.substring(0, space);
  }

  /** "PUT /v2/keys/a?value=1", for diff reports. */
  String requestLine() {
    int end = head.indexOf("\r\n");
    String line = end < 0 ? head : head.substring(0, end);
    return line.endsWith(" HTTP/1.1") ? line.substring(0, line.length() - 9) : line;
  }
}
