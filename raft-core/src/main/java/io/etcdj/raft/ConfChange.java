package io.etcdj.raft;

import java.nio.ByteBuffer;

/** The payload of a CONF_CHANGE entry. */
public record ConfChange(ConfChangeType type, long nodeId, byte[] context) {
  /**
   * ADD_NODE adds a voter, or promotes a learner to voter; ADD_LEARNER_NODE adds a learner. The
   * ordinal is the wire and log encoding: append new types at the end.
   */
  public enum ConfChangeType { ADD_NODE, REMOVE_NODE, UPDATE_NODE, ADD_LEARNER_NODE }

  private static final byte FORMAT_VERSION = 1;

  public ConfChange {
    context = context == null ? new byte[0] : context;
  }

  /** Version, type, node id, context length, context: 14 bytes plus the context. */
  public byte[] encode() {
    ByteBuffer buf = ByteBuffer.allocate(14 + context.length);
    buf.put(FORMAT_VERSION).put((byte) type.ordinal()).putLong(nodeId).putInt(context.length)
        .put(context);
    return buf.array();
  }

  public static ConfChange decode(byte[] data) {
    ByteBuffer buf = ByteBuffer.wrap(data);
    if (data.length < 14 || buf.get() != FORMAT_VERSION) {
      throw new IllegalArgumentException("not an encoded ConfChange (" + data.length + " bytes)");
    }
    int typeOrdinal = buf.get();
    ConfChangeType[] types = ConfChangeType.values();
    if (typeOrdinal < 0 || typeOrdinal >= types.length) {
      throw new IllegalArgumentException("unknown conf change type " + typeOrdinal);
    }
    long nodeId = buf.getLong();
    int len = buf.getInt();
    if (len < 0 || len != buf.remaining()) {
      throw new IllegalArgumentException("bad conf change context length " + len);
    }
    byte[] ctx = new byte[len];
    buf.get(ctx);
    return new ConfChange(types[typeOrdinal], nodeId, ctx);
  }
}
