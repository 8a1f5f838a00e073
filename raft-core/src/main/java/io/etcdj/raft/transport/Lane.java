package io.etcdj.raft.transport;

import io.etcdj.raft.MessageType;
import io.etcdj.raft.transport.wire.WireLane;

/**
 * The separate connections a member keeps to each peer (etcd's "message" and "msgapp" streams and
 * its snapshot sender), so that a heartbeat or a vote never queues behind bulk appends or a
 * snapshot.
 */
enum Lane {
  /** Every message but MsgApp and MsgSnap: votes, heartbeats, responses, forwarded proposals. */
  CONTROL(WireLane.LANE_CONTROL),
  /** MsgApp only: the bulk of the traffic, on its own connection and queue. */
  APPEND(WireLane.LANE_APPEND),
  /** One MsgSnap per connection, its data in chunks. */
  SNAPSHOT(WireLane.LANE_SNAPSHOT);

  private final WireLane wire;

  Lane(WireLane wire) { this.wire = wire; }

  WireLane wire() { return wire; }

  static Lane of(MessageType type) {
    return switch (type) {
      case APP -> APPEND;
      case SNAP -> SNAPSHOT;
      default -> CONTROL;
    };
  }

  /** The lane a Hello names, or null for a lane that is not a Raft lane (cluster info, unknown). */
  static Lane fromWire(WireLane wire) {
    return switch (wire) {
      case LANE_CONTROL -> CONTROL;
      case LANE_APPEND -> APPEND;
      case LANE_SNAPSHOT -> SNAPSHOT;
      default -> null;
    };
  }
}
