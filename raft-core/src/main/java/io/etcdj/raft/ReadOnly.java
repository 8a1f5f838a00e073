package io.etcdj.raft;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pending ReadIndex requests on the leader (etcd's read_only.go, safe mode): each waits for a
 * quorum of heartbeat acknowledgements carrying its context, which proves this node still led
 * when the read arrived. Acknowledging one request acknowledges every earlier one. Owned by the
 * Raft thread; reset whenever leadership changes.
 */
final class ReadOnly {
  /** A pending read: the original request, the commit index when it arrived, who acked. */
  record Status(Message request, long index, Set<Long> acks) {}

  private final Map<ByteBuffer, Status> pending = new HashMap<>();
  private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();

  private static ByteBuffer key(byte[] ctx) { return ByteBuffer.wrap(ctx == null ? new byte[0] : ctx); }

  void addRequest(long index, Message request) {
    ByteBuffer k = key(request.context());
    if (pending.containsKey(k)) {
      return;
    }
    pending.put(k, new Status(request, index, new HashSet<>()));
    queue.addLast(k);
  }

  /** Records an ack from {@code id}; returns who has acked that request, or null if unknown. */
  Set<Long> recvAck(long id, byte[] ctx) {
    Status s = pending.get(key(ctx));
    if (s == null) {
      return null;
    }
    s.acks().add(id);
    return s.acks();
  }

  /** Removes and returns every request up to and including the one with {@code ctx}. */
  List<Status> advance(byte[] ctx) {
    ByteBuffer k = key(ctx);
    if (!pending.containsKey(k)) {
      return List.of();
    }
    List<Status> released = new ArrayList<>();
    while (!queue.isEmpty()) {
      ByteBuffer head = queue.pollFirst();
      released.add(pending.remove(head));
      if (head.equals(k)) {
        break;
      }
    }
    return released;
  }

  /** Context of the newest pending request, carried by heartbeats; null when none. */
  byte[] lastPendingRequestCtx() {
    if (queue.isEmpty()) {
      return null;
    }
    return pending.get(queue.peekLast()).request().context();
  }
}
