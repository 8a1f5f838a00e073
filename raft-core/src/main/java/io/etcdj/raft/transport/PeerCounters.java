package io.etcdj.raft.transport;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * One peer's traffic counters. Written from several threads at once (the Raft thread counts the
 * drops it decides in {@code send}, the peer's event loop what it writes, any event loop what an
 * inbound connection reads), hence adders; read only to build a {@link PeerStats}.
 */
final class PeerCounters {
  private final LongAdder messagesSent = new LongAdder();
  private final LongAdder bytesSent = new LongAdder();
  private final LongAdder messagesReceived = new LongAdder();
  private final LongAdder bytesReceived = new LongAdder();
  private final LongAdder sendFailures = new LongAdder();
  /** The last control-lane round trip in nanoseconds; negative until one was measured. */
  private volatile long roundTripNanos = -1;

  void sent(int messages, long bytes) {
    if (messages > 0) {
      messagesSent.add(messages);
    }
    bytesSent.add(bytes);
  }

  void received(int messages, long bytes) {
    if (messages > 0) {
      messagesReceived.add(messages);
    }
    bytesReceived.add(bytes);
  }

  void failed(int messages) { sendFailures.add(messages); }

  void roundTrip(long nanos) { roundTripNanos = nanos; }

  PeerStats snapshot(long memberId, ConnectionState control, ConnectionState append,
                     int inboundConnections) {
    long rtt = roundTripNanos;
    return new PeerStats(memberId, control, append, inboundConnections, messagesSent.sum(),
        bytesSent.sum(), messagesReceived.sum(), bytesReceived.sum(), sendFailures.sum(),
        rtt < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(rtt)));
  }
}
