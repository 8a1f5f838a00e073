package io.etcdj.kvstore;

import java.util.List;

/**
 * Everything a store snapshot holds, copied out of the live store at one index. Immutable (the
 * history's events and views are immutable too), so the expensive encoding can run on another
 * thread while the store goes on applying.
 */
public final class StoreImage {
  private final long index;
  private final List<String> readOnly;
  private final long[] counters;
  private final List<FlatNode> nodes;
  private final String historyPrefix;
  private final List<Event> events;

  StoreImage(long index, List<String> readOnly, long[] counters, List<FlatNode> nodes, String historyPrefix,
             List<Event> events) {
    this.historyPrefix = historyPrefix;
    this.index = index;
    this.readOnly = readOnly;
    this.counters = counters;
    this.nodes = nodes;
    this.events = events;
  }

  /** The store index the image was taken at. */
  public long index() { return index; }

  /** The snapshot bytes {@link Store#restore} reads; the same bytes {@link Store#save()} gives. */
  public byte[] serialize() { return StoreSnapshot.serialize(this); }

  List<String> readOnly() { return readOnly; }
  long[] counters() { return counters; }
  List<FlatNode> nodes() { return nodes; }
  String historyPrefix() { return historyPrefix; }
  List<Event> events() { return events; }

  /**
   * One node, in pre-order; a directory is followed by its {@code childCount} subtrees.
   * {@code data} is the node's own name-and-value array ({@link NodeData}), shared, not copied:
   * nodes never modify theirs.
   */
  record FlatNode(byte[] data, long createdIndex, long modifiedIndex, long expireAtMs, boolean dir, int childCount) {}
}
