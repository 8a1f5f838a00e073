package io.etcdj.kvstore;

/**
 * The outcome of a successful operation: {@code {"action":..,"node":..,"prevNode":..}}.
 * {@code etcdIndex} is the store index after the operation (the X-Etcd-Index header). The JSON
 * is produced once and shared by every response and watcher that sends this event.
 */
public final class Event {
  public Event(String action, NodeView node, NodeView prevNode, long etcdIndex) {
    throw new UnsupportedOperationException("skeleton");
  }
  public String action() { throw new UnsupportedOperationException("skeleton"); }
  public NodeView node() { throw new UnsupportedOperationException("skeleton"); }
  /** May be null. */
  public NodeView prevNode() { throw new UnsupportedOperationException("skeleton"); }
  public long etcdIndex() { throw new UnsupportedOperationException("skeleton"); }
  /** The store index the event happened at (node.modifiedIndex, or the delete/expire index). */
  public long index() { throw new UnsupportedOperationException("skeleton"); }
  /** The encoded JSON body, computed once; callers must not modify the array. Ends with '\n'. */
  public byte[] json() { throw new UnsupportedOperationException("skeleton"); }
  /** The same event with keys under {@code prefix} shown without it ("/1/foo" -> "/foo"), as etcd trims its keys prefix. */
  public Event trimPrefix(String prefix) { throw new UnsupportedOperationException("skeleton"); }
}
