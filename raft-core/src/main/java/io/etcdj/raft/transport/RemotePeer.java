package io.etcdj.raft.transport;

import io.etcdj.raft.Message;
import io.netty.channel.EventLoop;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

/**
 * Everything this member keeps to send to one peer (etcd's peer): its URLs, its control and
 * append lanes, the snapshots on their way to it, and its counters.
 *
 * <p>Threads: one event loop, chosen when the peer is added, owns the URLs, both lanes' queues
 * and connections and the snapshot senders; the Raft thread only calls {@link #admit} and
 * {@link #handOff}, the runtime's thread {@link #updateUrls} and {@link #stop}, and those hand
 * their work to the loop.
 */
final class RemotePeer {
  final long id;
  final PeerCounters counters;
  private final TransportContext ctx;
  private final EventLoop loop;
  private final PeerUrls urls;
  private final OutboundStream control;
  private final OutboundStream append;
  private final Set<SnapshotSender> snapshots = new HashSet<>();
  private volatile boolean stopped;

  RemotePeer(TransportContext ctx, long id, List<URI> peerUrls, EventLoop loop,
             PeerCounters counters) {
    this.ctx = ctx;
    this.id = id;
    this.loop = loop;
    this.counters = counters;
    this.urls = new PeerUrls(peerUrls);
    this.control = new OutboundStream(ctx, id, Lane.CONTROL, loop, urls, counters);
    this.append = new OutboundStream(ctx, id, Lane.APPEND, loop, urls, counters);
  }

  void start() {
    onLoop(() -> {
      control.start();
      append.start();
    });
  }

  /** Raft thread: whether {@code m} may go (a MsgSnap always may: it gets its own connection). */
  boolean admit(Message m) {
    if (stopped) {
      return false;
    }
    return switch (Lane.of(m.type())) {
      case CONTROL -> control.admit();
      case APPEND -> append.admit();
      case SNAPSHOT -> true;
    };
  }

  /**
   * Raft thread: hands over the messages {@link #admit} let through, in their order, as one task
   * for the loop, which writes them all and flushes each lane once.
   */
  void handOff(List<Message> admitted) {
    onLoop(() -> {
      for (Message m : admitted) {
        switch (Lane.of(m.type())) {
          case CONTROL -> control.enqueue(m);
          case APPEND -> append.enqueue(m);
          case SNAPSHOT -> sendSnapshot(m);
        }
      }
      control.flush();
      append.flush();
    });
  }

  void updateUrls(List<URI> peerUrls) {
    onLoop(() -> {
      urls.replace(peerUrls);
      control.redialNow();
      append.redialNow();
    });
  }

  void stop() {
    stopped = true;
    onLoop(() -> {
      control.stop();
      append.stop();
      for (SnapshotSender s : List.copyOf(snapshots)) {
        s.abandon();
      }
      snapshots.clear();
    });
  }

  PeerStats stats(int inboundConnections) {
    return counters.snapshot(id, control.state(), append.state(), inboundConnections);
  }

  private void sendSnapshot(Message m) {
    if (stopped) {
      return;
    }
    SnapshotSender sender = new SnapshotSender(ctx, id, loop, urls, counters, m, snapshots::remove);
    snapshots.add(sender);
    sender.start();
  }

  private void onLoop(Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      // The transport is closing: what was not sent is dropped, as close() promises.
    }
  }
}
