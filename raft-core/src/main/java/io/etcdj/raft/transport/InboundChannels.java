package io.etcdj.raft.transport;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections peers opened to this member, by peer, so that removing a peer or closing the
 * transport closes them, a peer's new connection on a lane replaces its old one (the old is
 * half-open: the peer redialed because it saw it die), and a close can be told apart as ours or
 * the peer's. Registered and unregistered from the event loops, closed from any thread, hence
 * concurrent sets; each channel itself belongs to its own event loop.
 */
final class InboundChannels {
  private static final AttributeKey<Boolean> CLOSED_BY_US =
      AttributeKey.valueOf(InboundChannels.class, "closedByUs");
  private static final AttributeKey<Lane> LANE = AttributeKey.valueOf(InboundChannels.class, "lane");

  /** Every accepted channel, a handshake in progress included. */
  private final Set<Channel> accepted = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<Long, Set<Channel>> byPeer = new ConcurrentHashMap<>();

  /** A connection was accepted; it is forgotten when it closes. */
  void track(Channel ch) {
    accepted.add(ch);
    ch.closeFuture().addListener(f -> accepted.remove(ch));
  }

  /** {@code ch} completed its handshake as {@code peer}'s {@code lane}. */
  void established(long peer, Lane lane, Channel ch) {
    ch.attr(LANE).set(lane);
    Set<Channel> channels = byPeer.computeIfAbsent(peer, k -> ConcurrentHashMap.newKeySet());
    if (lane != Lane.SNAPSHOT) {
      for (Channel old : channels) {
        if (old != ch && old.attr(LANE).get() == lane) {
          closeByUs(old);
        }
      }
    }
    channels.add(ch);
  }

  void closed(long peer, Channel ch) {
    Set<Channel> channels = byPeer.get(peer);
    if (channels != null) {
      channels.remove(ch);
    }
  }

  int count(long peer) {
    Set<Channel> channels = byPeer.get(peer);
    return channels == null ? 0 : channels.size();
  }

  void closeFrom(long peer) {
    Set<Channel> channels = byPeer.remove(peer);
    if (channels != null) {
      channels.forEach(InboundChannels::closeByUs);
    }
  }

  void closeAll() {
    for (Channel ch : List.copyOf(accepted)) {
      closeByUs(ch);
    }
    byPeer.clear();
  }

  /** Closes {@code ch} as this member's decision: no {@code peerDisconnected} follows. */
  static void closeByUs(Channel ch) {
    markClosedByUs(ch);
    ch.close();
  }

  /** For a close that follows a last write (a Goodbye): no {@code peerDisconnected} follows. */
  static void markClosedByUs(Channel ch) {
    ch.attr(CLOSED_BY_US).set(Boolean.TRUE);
  }

  static boolean closedByUs(Channel ch) {
    return Boolean.TRUE.equals(ch.attr(CLOSED_BY_US).get());
  }
}
