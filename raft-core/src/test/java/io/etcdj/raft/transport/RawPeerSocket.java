package io.etcdj.raft.transport;

import io.etcdj.raft.transport.wire.Frame;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;

/**
 * A hand-driven peer connection over a plain blocking socket, speaking the wire format frame by
 * frame, for tests that need to say what a well-behaved transport never would.
 */
final class RawPeerSocket implements AutoCloseable {
  private final Socket socket;
  private final DataOutputStream out;
  private final DataInputStream in;

  RawPeerSocket(URI url) throws IOException {
    socket = new Socket(url.getHost(), url.getPort());
    socket.setSoTimeout(20_000);
    out = new DataOutputStream(socket.getOutputStream());
    in = new DataInputStream(socket.getInputStream());
  }

  /** Writes the frames back to back in one go, as a pipelining peer would. */
  void write(Frame... frames) throws IOException {
    for (Frame f : frames) {
      out.writeInt(f.getSerializedSize());
      f.writeTo(out);
    }
    out.flush();
  }

  Frame read() throws IOException {
    byte[] body = new byte[in.readInt()];
    in.readFully(body);
    return Frame.parseFrom(body);
  }

  /** Whether the other side closed the connection (the next read finds its end). */
  boolean closedByOtherSide() throws IOException {
    try {
      return in.read() < 0;
    } catch (EOFException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException { socket.close(); }
}
