package io.etcdj.http.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Loopback ports nothing listens on right now, chosen by the OS. */
final class FreePorts {
  private FreePorts() {}

  /**
   * {@code count} distinct ports: every socket is held open until all are chosen, so the OS
   * cannot hand the same port out twice. Another process may still take one before a member
   * binds it; the member then fails to start and says so in its log.
   */
  static List<Integer> take(int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(socket);
        ports.add(socket.getLocalPort());
      }
      return List.copyOf(ports);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing a socket that never served anything
        }
      }
    }
  }
}
