package io.etcdj.kvstore;

/**
 * The outcome of a successful operation: {@code {"action":..,"node":..,"prevNode":..}}.
 * {@code etcdIndex} is the store index after the operation (the X-Etcd-Index header). The JSON
 * is produced once and shared by every response and watcher that sends this event.
 *
 * <p>Immutable and safe to share across threads; the memoized JSON and trimmed copy are computed
 * at most a few times under a benign race (the result is always the same bytes).
 */
public final class Event {
  private final String action;
  private final NodeView node;
  private final NodeView prevNode;
  private final long etcdIndex;
  // etcd records refresh events in the history but never shows them to watchers
  private final boolean refresh;
  private volatile byte[] json;
  private volatile Trimmed trimmed;

  private record Trimmed(String prefix, Event event) {}

  public Event(String action, NodeView node, NodeView prevNode, long etcdIndex) {
    this(action, node, prevNode, etcdIndex, false, null);
  }

  Event(String action, NodeView node, NodeView prevNode, long etcdIndex, boolean refresh, byte[] json) {
    this.action = action;
    this.node = node;
    this.prevNode = prevNode;
    this.etcdIndex = etcdIndex;
    this.refresh = refresh;
    this.json = json;
  }

  public String action() { return action; }

  public NodeView node() { return node; }

  /** May be null. */
  public NodeView prevNode() { return prevNode; }

  public long etcdIndex() { return etcdIndex; }

  /** Whether this was a TTL refresh (kept in the history, never sent to watchers). */
  public boolean refresh() { return refresh; }

  /** The store index the event happened at (node.modifiedIndex, or the delete/expire index). */
  public long index() { return node.modifiedIndex(); }

  /** etcd's Event.IsCreated: the HTTP layer answers 201 instead of 200 for these. */
  public boolean isCreated() {
    return "create".equals(action) || ("set".equals(action) && prevNode == null);
  }

  /** The encoded JSON body, computed once; callers must not modify the array. Ends with '\n'. */
  public byte[] json() {
    byte[] b = json;
    if (b == null) {
      b = encode();
      json = b;
    }
    return b;
  }

  private byte[] encode() {
    int hint = 32 + (node == null ? 0 : node.jsonSizeHint()) + (prevNode == null ? 0 : prevNode.jsonSizeHint());
    GoJsonWriter w = new GoJsonWriter(hint);
    w.raw("{\"action\":").string(action);
    if (node != null) {
      w.raw(",\"node\":");
      node.writeJson(w);
    }
    if (prevNode != null) {
      w.raw(",\"prevNode\":");
      prevNode.writeJson(w);
    }
    return w.raw("}\n").toBytes();
  }

  /** The same event with keys under {@code prefix} shown without it ("/1/foo" -> "/foo"), as etcd trims its keys prefix. */
  public Event trimPrefix(String prefix) {
    Trimmed cached = trimmed;
    if (cached != null && cached.prefix().equals(prefix)) {
      return cached.event();
    }
    NodeView n = node == null ? null : node.trimPrefix(prefix);
    NodeView p = prevNode == null ? null : prevNode.trimPrefix(prefix);
    Event t = n == node && p == prevNode ? this : new Event(action, n, p, etcdIndex, refresh, null);
    trimmed = new Trimmed(prefix, t);
    return t;
  }

  /** The same event reported at another store index (etcd's history replays); shares the JSON. */
  public Event withEtcdIndex(long newEtcdIndex) {
    return newEtcdIndex == etcdIndex ? this : new Event(action, node, prevNode, newEtcdIndex, refresh, json);
  }

  @Override
  public String toString() {
    return new String(json(), java.nio.charset.StandardCharsets.UTF_8).trim() + " @" + etcdIndex;
  }
}
