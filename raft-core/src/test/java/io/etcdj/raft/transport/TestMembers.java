package io.etcdj.raft.transport;

import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Transports of one test cluster on loopback, each on a port the OS picked, and their recording
 * inbounds. Closes whatever is still open at the end of a test.
 */
final class TestMembers implements AutoCloseable {
  static final long CLUSTER_ID = 0xc1057e2L;

  record Member(long id, PeerTransport transport, RecordingInbound inbound) {
    URI url() { return transport.boundUrls().get(0); }
  }

  private final List<PeerTransport> open = new ArrayList<>();

  static PeerTransportConfig config(long id, int port) {
    return PeerTransportConfig.of(id, CLUSTER_ID, List.of(URI.create("http://127.0.0.1:" + port)))
        .withEventLoopThreads(2);
  }

  Member start(long id) { return start(id, 0, UnaryOperator.identity(), TransportHooks.NONE); }

  Member start(long id, UnaryOperator<PeerTransportConfig> tweak) {
    return start(id, 0, tweak, TransportHooks.NONE);
  }

  Member start(long id, int port, UnaryOperator<PeerTransportConfig> tweak, TransportHooks hooks) {
    RecordingInbound inbound = new RecordingInbound();
    PeerTransport t = PeerTransport.start(tweak.apply(config(id, port)), inbound, hooks);
    open.add(t);
    return new Member(id, t, inbound);
  }

  /** Each member adds every other as a peer, then waits until all lanes are up both ways. */
  static void connectAll(Member... members) {
    for (Member a : members) {
      for (Member b : members) {
        if (a != b) {
          a.transport().addPeer(b.id(), List.of(b.url()));
        }
      }
    }
    for (Member a : members) {
      for (Member b : members) {
        if (a != b) {
          awaitConnected(a, b.id());
        }
      }
    }
  }

  static void awaitConnected(Member from, long to) {
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      PeerStats s = from.transport().stats(to);
      return s.control() == ConnectionState.CONNECTED && s.append() == ConnectionState.CONNECTED;
    });
  }

  /** A loopback URL on which nothing listens (a port the OS just handed out and took back). */
  /**
   * A URL nothing answers: a port held by a bound socket that does not listen, so every dial is
   * refused at once (a port merely freed again could be taken by another socket meanwhile). The
   * ports are held until the test JVM exits.
   */
  static URI deadUrl() throws Exception {
    Socket holder = new Socket();
    holder.bind(new InetSocketAddress("127.0.0.1", 0));
    HELD_PORTS.add(holder);
    return URI.create("http://127.0.0.1:" + holder.getLocalPort());
  }

  private static final List<Socket> HELD_PORTS = new CopyOnWriteArrayList<>();

  @Override
  public void close() {
    for (PeerTransport t : open) {
      t.close();
    }
  }
}
