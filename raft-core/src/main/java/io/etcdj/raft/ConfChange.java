package io.etcdj.raft;

/** The payload of a CONF_CHANGE entry. */
public record ConfChange(ConfChangeType type, long nodeId, byte[] context) {
  public enum ConfChangeType { ADD_NODE, REMOVE_NODE, UPDATE_NODE }
  public byte[] encode() { throw new UnsupportedOperationException("skeleton"); }
  public static ConfChange decode(byte[] data) { throw new UnsupportedOperationException("skeleton"); }
}
