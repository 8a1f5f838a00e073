package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Requests sent at once over one socket, and the answers read back until the server closes. */
final class WireExchange {
  private WireExchange() {}

  /** One final answer: its status, its head (without the blank line) and its body, one char per byte. */
  record Answer(int status, String head, String body) {}

  /**
   * Sends {@code requests} at once, half-closes if asked, and reads every answer until the server
   * closes. A reset after the answers is a close with bytes unread (etcd resets there too).
   */
  static List<Answer> answers(URI base, String requests, boolean halfClose) throws IOException {
    byte[] received;
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      try {
        socket.getOutputStream().write(requests.getBytes(StandardCharsets.ISO_8859_1));
        if (halfClose) {
          socket.shutdownOutput();
        }
      } catch (SocketException e) {
        // closed while still sending the requests after a refused one
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[16384];
      try {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          bytes.write(buffer, 0, n);
        }
      } catch (SocketException e) {
        // reset: closed with our bytes unread
      }
      received = bytes.toByteArray();
    }
    return parse(new String(received, StandardCharsets.ISO_8859_1));
  }

  /** The final answers in {@code text} (100 Continue skipped); a body without a length runs to the end. */
  static List<Answer> parse(String text) {
    List<Answer> answers = new ArrayList<>();
    int pos = 0;
    while (pos < text.length()) {
      int headEnd = text.indexOf("\r\n\r\n", pos);
      assertThat(headEnd).as("a whole head in %s", text.substring(pos)).isPositive();
      String head = text.substring(pos, headEnd);
      assertThat(head).startsWith("HTTP/1.");
      int status = Integer.parseInt(head.substring(9, 12));
      pos = headEnd + 4;
      if (status == 100) {
        continue;
      }
      String length = header(head, "Content-Length");
      String body;
      if (length != null) {
        body = text.substring(pos, pos + Integer.parseInt(length));
        pos += body.length();
      } else {
        body = text.substring(pos);
        pos = text.length();
      }
      answers.add(new Answer(status, head, body));
    }
    return answers;
  }

  static String header(String head, String name) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

}
