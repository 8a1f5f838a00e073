package io.etcdj.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Raw bytes over one socket, for what java.net.http won't send: pipelining, HTTP/1.0, garbage. */
final class RawHttp {
  private RawHttp() {}

  /** Sends {@code request} and reads until the server closes or {@code expectedResponses} status lines arrived and went quiet. */
  static String exchange(URI base, byte[] request, int expectedResponses) throws IOException {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(1500);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      while (true) {
        int n;
        try {
          n = in.read(buffer);
        } catch (SocketTimeoutException e) {
          if (count(received.toString(StandardCharsets.UTF_8)) >= expectedResponses) {
            break;
          }
          throw e;
        }
        if (n < 0) {
          break;
        }
        received.write(buffer, 0, n);
      }
      return received.toString(StandardCharsets.UTF_8);
    }
  }

  static String exchange(URI base, String request, int expectedResponses) throws IOException {
    return exchange(base, request.getBytes(StandardCharsets.UTF_8), expectedResponses);
  }

  /**
   * Sends {@code requests}, shuts the sending side down when {@code shutDown}, and returns all
   * the server sends until it closes (a read timeout fails the test: a hang).
   */
  static String untilClosed(URI base, String requests, boolean shutDown) throws IOException {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(requests.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      if (shutDown) {
        socket.shutdownOutput();
      }
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(received);
      return received.toString(StandardCharsets.UTF_8);
    }
  }

  static int count(String text) {
    int n = 0;
    for (int i = text.indexOf("HTTP/1.1 "); i >= 0; i = text.indexOf("HTTP/1.1 ", i + 1)) {
      n++;
    }
    return n;
  }
}
