package io.etcdj.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A member on a port the OS picked, and raw bytes to it, read until the server closes. */
final class RawWire {
  private RawWire() {}

  static EtcdjServer startMember(Path dir) {
    return EtcdjServer.start(ServerConfig.parse("--data-dir", dir.resolve("data").toString(),
        "--listen-client-urls", "http://127.0.0.1:0", "--advertise-client-urls", "http://127.0.0.1:20379",
        "--listen-peer-urls", "http://127.0.0.1:0",
        "--initial-advertise-peer-urls", "http://127.0.0.1:20380", "--initial-cluster", "default=http://127.0.0.1:20380"));
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
}
