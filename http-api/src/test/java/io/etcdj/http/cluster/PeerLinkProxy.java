package io.etcdj.http.cluster;

import com.google.protobuf.InvalidProtocolBufferException;
import io.etcdj.raft.transport.wire.Frame;
import io.etcdj.raft.transport.wire.Hello;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TCP proxies between the members of a cluster, able to cut chosen directed links. Every member
 * advertises a proxy port as its peer URL and listens on a real port behind it, so every peer
 * connection passes through here.
 *
 * <p>Which link a connection belongs to is read from its first frame: etcdj's transport opens
 * every connection with a length-prefixed protobuf {@code Frame} holding a {@code Hello} that
 * names the sender and the receiver. Raft messages only travel from the dialer to the acceptor
 * (the acceptor writes back only its Welcome, pongs and snapshot acks), so cutting the link
 * A&rarr;B means: the connections A dialed to B carry nothing any more, in either direction,
 * while B's own connections to A keep working. That is a one-way cut.
 *
 * <p>A cut link behaves as a network partition, not as a crash: nothing is closed. Bytes on its
 * connections are read and dropped, a connection opened across it is accepted and never reaches
 * the member, and a side that closes is not told to the other. Healing closes those connections
 * (their byte streams lost frames, so they cannot resume) and the transport dials again.
 *
 * <p>Threads: one accepting thread per proxied member, two copying threads per connection, all
 * daemons; the cut set and the connection set are concurrent, read by the copying threads.
 */
final class PeerLinkProxy implements AutoCloseable {
  /** A directed link: Raft messages from {@code from} to {@code to}. */
  record Link(long from, long to) {}

  private static final int MAX_HELLO_BYTES = 1 << 16;

  private final Set<Link> cut = ConcurrentHashMap.newKeySet();
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final List<ServerSocket> listeners = new ArrayList<>();
  private volatile boolean closed;

  /** Listens on a free loopback port and forwards each connection to {@code targetPort}; returns the port. */
  synchronized int front(int targetPort) {
    try {
      ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      listeners.add(listener);
      daemon("proxy-accept-" + listener.getLocalPort(), () -> accept(listener, targetPort));
      return listener.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** From now on nothing passes from {@code from} to {@code to} (the other direction is untouched). */
  void cut(long from, long to) {
    Link link = new Link(from, to);
    cut.add(link);
    for (Connection c : connections) {
      if (link.equals(c.link)) {
        c.blackholed = true;
      }
    }
  }

  /** Cuts every link between {@code member} and each of {@code others}, both ways. */
  void isolate(long member, List<Long> others) {
    for (long other : others) {
      cut(member, other);
      cut(other, member);
    }
  }

  /** Every link works again; connections that were cut are closed so the members dial afresh. */
  void healAll() {
    cut.clear();
    for (Connection c : connections) {
      if (c.blackholed) {
        c.close();
      }
    }
  }

  @Override public synchronized void close() {
    closed = true;
    for (ServerSocket listener : listeners) {
      closeQuietly(listener);
    }
    for (Connection c : connections) {
      c.close();
    }
  }

  private void accept(ServerSocket listener, int targetPort) {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      daemon("proxy-conn-" + client.getPort(), () -> serve(client, targetPort));
    }
  }

  private void serve(Socket client, int targetPort) {
    Connection c = new Connection(client);
    connections.add(c);
    try {
      byte[] first = readFirstFrame(client.getInputStream());
      c.link = linkOf(first);
      if (c.link != null && cut.contains(c.link)) {
        c.blackholed = true;
      }
      if (c.blackholed) {
        drain(c, client.getInputStream());
        return;
      }
      Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
      upstream.setTcpNoDelay(true);
      client.setTcpNoDelay(true);
      c.upstream = upstream;
      if (c.blackholed) { // cut while we connected: the member never sees this connection
        closeQuietly(upstream);
        c.upstream = null;
        drain(c, client.getInputStream());
        return;
      }
      upstream.getOutputStream().write(first);
      upstream.getOutputStream().flush();
      daemon("proxy-back-" + client.getPort(), () -> copy(c, upstream, client));
      copy(c, client, upstream);
    } catch (IOException e) {
      if (!c.blackholed) {
        c.close();
      }
    }
  }

  /** The first frame with its length prefix, exactly as it arrived. */
  private static byte[] readFirstFrame(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int length = data.readInt();
    if (length < 0 || length > MAX_HELLO_BYTES) {
      throw new IOException("first frame of " + length + " bytes is no Hello");
    }
    byte[] frame = new byte[4 + length];
    ByteBuffer.wrap(frame).putInt(length);
    data.readFully(frame, 4, length);
    return frame;
  }

  /** The link a connection serves, from its Hello; null if the first frame is not one. */
  private static Link linkOf(byte[] first) {
    try {
      Frame frame = Frame.parseFrom(ByteBuffer.wrap(first, 4, first.length - 4));
      if (!frame.hasHello()) {
        return null;
      }
      Hello hello = frame.getHello();
      return new Link(hello.getSenderId(), hello.getReceiverId());
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  /** Copies {@code from} to {@code to} until either closes; while cut, reads and drops. */
  private void copy(Connection c, Socket from, Socket to) {
    byte[] buffer = new byte[64 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (!c.blackholed) {
          out.write(buffer, 0, n);
          out.flush();
        }
      }
    } catch (IOException e) {
      // one side closed or reset: handled below
    }
    if (c.blackholed) {
      closeQuietly(from); // a partition does not tell the other side; healing closes it
    } else {
      c.close();
    }
  }

  private static void drain(Connection c, InputStream in) {
    byte[] buffer = new byte[64 * 1024];
    try {
      while (in.read(buffer) >= 0) {
        // a cut link swallows everything
      }
    } catch (IOException e) {
      // closed
    }
    closeQuietly(c.client);
  }

  private final class Connection {
    final Socket client;
    volatile Socket upstream;
    volatile Link link;
    volatile boolean blackholed;

    Connection(Socket client) { this.client = client; }

    void close() {
      connections.remove(this);
      closeQuietly(client);
      Socket u = upstream;
      if (u != null) {
        closeQuietly(u);
      }
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // already closed
    }
  }

  private static void daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
  }
}
