package io.etcdj.kvstore;

/**
 * The outcome of a successful operation: {@code {"action":..,"node":..,"prevNode":..}}.
 * {@code etcdIndex} is the store index after the operation (the X-Etcd-Index header). The JSON
 * is produced once and shared by every response and watcher that sends this event.
 *
 * <p>Immutable and safe to share across threads; the memoized JSON is computed at most a few
 * times under a benign race (the result is always the same bytes). Only the JSON clients see is
 * memoized, not a trimmed copy of the event: up to --watch-history events stay reachable, and
 * every byte they hold is copied by each young collection that finds them new.
 */
public final class Event {
  private final String action;
  private final NodeView node;
  private final NodeView prevNode;
  private final long etcdIndex;
  // etcd records refresh events in the history but never shows them to watchers
  private final boolean refresh;
  /** The history's copy: its views are stubs, so only its stored JSON can be shown. */
  private final boolean historic;
  private volatile Json json;

  /** The JSON with {@code prefix} cut from the keys that start with it ("" for none). */
  private record Json(String prefix, EventJson bytes) {}

  public Event(String action, NodeView node, NodeView prevNode, long etcdIndex) {
    this(action, node, prevNode, etcdIndex, false);
  }

  Event(String action, NodeView node, NodeView prevNode, long etcdIndex, boolean refresh) {
    this(action, node, prevNode, etcdIndex, refresh, null, false);
  }

  private Event(String action, NodeView node, NodeView prevNode, long etcdIndex, boolean refresh, Json json,
                boolean historic) {
    this.action = action;
    this.node = node;
    this.prevNode = prevNode;
    this.etcdIndex = etcdIndex;
    this.refresh = refresh;
    this.json = json;
    this.historic = historic;
  }

  /**
   * What the event history keeps of an event: what matching a watcher needs (action, keys, dir
   * flags, index) and the JSON for {@code prefix}, {@code stored}; not the values, expirations
   * or children, which that JSON already holds.
   */
  static Event historic(String action, String key, boolean dir, long index, String prevKey, boolean prevDir,
                        long etcdIndex, boolean refresh, String prefix, EventJson stored) {
    NodeView n = new NodeView(key, dir, null, 0, index, null, 0, null);
    NodeView p = prevKey == null ? null : new NodeView(prevKey, prevDir, null, 0, 0, null, 0, null);
    return new Event(action, n, p, etcdIndex, refresh, new Json(prefix, stored), true);
  }

  /** The history's copy of this event, whose JSON for {@code prefix} is {@code stored}. */
  Event historic(String prefix, EventJson stored) {
    return historic(action, node.key(), node.dir(), node.modifiedIndex(),
        prevNode == null ? null : prevNode.key(), prevNode != null && prevNode.dir(), etcdIndex, refresh,
        prefix, stored);
  }

  /** Makes {@code stored} (equal bytes, kept by the history) the JSON this event hands out. */
  void shareJson(String prefix, EventJson stored) {
    json = new Json(prefix, stored);
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
  public EventJson json() {
    return json("");
  }

  /**
   * The JSON body with {@code prefix} cut from every key that starts with it ("/1/foo" shows as
   * "/foo"), as etcd trims its keys prefix. Memoized for the last prefix asked for; callers must
   * not modify the array. An event replayed from the history has only the JSON for the store's
   * client prefix.
   */
  public EventJson json(String prefix) {
    EventJson known = memoizedJson(prefix);
    if (known != null) {
      return known;
    }
    if (historic) {
      throw new IllegalStateException("the history keeps this event's JSON for prefix \"" + json.prefix()
          + "\" only, not \"" + prefix + "\"");
    }
    EventJson encoded = EventJson.of(encode(prefix));
    json = new Json(prefix, encoded);
    return encoded;
  }

  private byte[] encode(String prefix) {
    int hint = 32 + (node == null ? 0 : node.jsonSizeHint()) + (prevNode == null ? 0 : prevNode.jsonSizeHint());
    GoJsonWriter w = new GoJsonWriter(hint);
    writeJson(w, prefix);
    return w.toBytes();
  }

  /** Appends this event's JSON for {@code prefix} to {@code w}. */
  void writeJson(GoJsonWriter w, String prefix) {
    w.raw("{\"action\":").string(action);
    if (node != null) {
      w.raw(",\"node\":");
      node.writeJson(w, prefix);
    }
    if (prevNode != null) {
      w.raw(",\"prevNode\":");
      prevNode.writeJson(w, prefix);
    }
    w.raw("}\n");
  }

  /** The JSON for {@code prefix} if it has been computed already, else null. */
  EventJson memoizedJson(String prefix) {
    Json j = json;
    return j != null && j.prefix().equals(prefix) ? j.bytes() : null;
  }

  /** The same event reported at another store index (etcd's history replays); shares the JSON. */
  public Event withEtcdIndex(long newEtcdIndex) {
    return newEtcdIndex == etcdIndex ? this : new Event(action, node, prevNode, newEtcdIndex, refresh, json, historic);
  }

  @Override
  public String toString() {
    Json j = json;
    return (j != null ? j.bytes().utf8().trim() : json().utf8().trim()) + " @" + etcdIndex;
  }
}
