package io.etcdj.kvstore;

import io.etcdj.kvstore.StoreCounters.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The store's snapshot format: index, read-only namespaces, stats counters, the tree (pre-order,
 * children in listing order) and the event history (oldest first). Watchers are not saved, as in
 * etcd. Called under the store's read lock (save) or on a store nobody sees yet (restore).
 *
 * <p>Version 3 stores each node's name-and-value bytes as the node holds them ({@link NodeData});
 * version 2 stored full paths and values as strings, children in insertion order. Both are read
 * (a member upgraded in place restarts from its last version 2 snapshot); only 3 is written.
 */
final class StoreSnapshot {
  private static final int MAGIC = 0x45545631; // "ETV1"
  private static final int VERSION = 3;
  /** Full paths and string values; read, no longer written. */
  private static final int VERSION_PATHS = 2;
  /**
   * How many of the newest history events a snapshot keeps: etcd's whole history (its default
   * size). Saving a 100,000-event history made every snapshot ~60 MB, written every
   * --snapshot-count entries; after a restart the log replayed past the snapshot refills the
   * history anyway, so a re-arming watcher still finds every event since the snapshot.
   */
  static final int SAVED_HISTORY = 1000;

  private StoreSnapshot() {}

  /**
   * Copies what a snapshot holds out of the live tree: the nodes flattened in pre-order, and
   * references to the (immutable) history events. Cheap compared with encoding, so it is what
   * runs under the store's lock; {@link StoreImage#serialize()} may then run on any thread.
   */
  static StoreImage capture(KeyTree tree) {
    long[] counters = new long[Kind.values().length];
    for (Kind kind : Kind.values()) {
      counters[kind.ordinal()] = tree.counters.get(kind);
    }
    List<StoreImage.FlatNode> nodes = new ArrayList<>();
    flatten(tree.root, nodes);
    EventHistory history = tree.hub.history;
    return new StoreImage(tree.index, List.copyOf(tree.readOnly), counters, nodes, history.prefix(),
        history.newest(SAVED_HISTORY));
  }

  private static void flatten(Node n, List<StoreImage.FlatNode> out) {
    out.add(new StoreImage.FlatNode(n.data(), n.createdIndex, n.modifiedIndex, n.expireAtMs(), n.isDir(),
        n.isDir() ? n.childCount() : 0));
    if (n.isDir()) {
      for (int i = 0; i < n.childCount(); i++) {
        flatten(n.childAt(i), out);
      }
    }
  }

  static byte[] serialize(StoreImage image) {
    BinaryOut out = new BinaryOut(sizeBound(image));
    out.writeLong(MAGIC).writeLong(VERSION).writeLong(image.index());
    out.writeLong(image.readOnly().size());
    for (String ns : image.readOnly()) {
      out.writeString(ns);
    }
    for (long counter : image.counters()) {
      out.writeLong(counter);
    }
    out.writeString(image.historyPrefix());
    // pre-order with child counts: exactly the recursive layout readNode expects
    for (StoreImage.FlatNode n : image.nodes()) {
      out.writeBytes(n.data()).writeLong(n.createdIndex()).writeLong(n.modifiedIndex()).writeLong(n.expireAtMs())
          .writeBoolean(n.dir());
      if (n.dir()) {
        out.writeLong(n.childCount());
      }
    }
    List<Event> events = image.events();
    out.writeLong(events.size());
    for (Event e : events) {
      // the history's slim events: what matching needs, and the JSON that holds the rest
      NodeView n = e.node();
      NodeView p = e.prevNode();
      out.writeString(e.action()).writeBoolean(e.refresh()).writeLong(e.etcdIndex())
          .writeString(n.key()).writeBoolean(n.dir()).writeLong(n.modifiedIndex())
          .writeBoolean(p != null);
      if (p != null) {
        out.writeString(p.key()).writeBoolean(p.dir());
      }
      out.writeBytes(e.json(image.historyPrefix()));
    }
    return out.toBytes();
  }

  /**
   * At least the encoded size: the buffer is allocated once, not doubled on the way (a doubling
   * held the old and the new buffer at once, up to three images' worth of a heap sized for one
   * store). Varints are counted at their longest, ten bytes.
   */
  private static int sizeBound(StoreImage image) {
    long bound = 1024;
    for (String ns : image.readOnly()) {
      bound += 10 + 3L * ns.length();
    }
    bound += 10L * image.counters().length + 10 + 3L * image.historyPrefix().length();
    for (StoreImage.FlatNode n : image.nodes()) {
      bound += 10 + n.data().length + 4 * 10 + 1;
    }
    for (Event e : image.events()) {
      NodeView p = e.prevNode();
      bound += 120 + 3L * (e.action().length() + e.node().key().length() + (p == null ? 0 : p.key().length()))
          + e.json(image.historyPrefix()).length();
    }
    return (int) Math.min(bound, Integer.MAX_VALUE - 16);
  }

  static Store read(byte[] bytes, HistoryLimits historyLimits) {
    ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    return new Store(lock, readTree(bytes, prefix -> new WatcherHub(historyLimits, prefix, lock.writeLock())));
  }

  /**
   * The tree in {@code bytes}, wired to the hub {@code hubFor} gives for the snapshot's history
   * prefix, whose history is then replaced by the saved one.
   */
  static KeyTree readTree(byte[] bytes, Function<String, WatcherHub> hubFor) {
    Parsed parsed = parse(bytes);
    return parsed.build(hubFor.apply(parsed.historyPrefix()));
  }

  /**
   * A snapshot decoded but not yet joined to a watcher hub, so the decoding (the slow part) can
   * run without the store's lock and only {@link #build} under it.
   */
  record Parsed(Node root, long index, StoreCounters counters, Set<String> readOnly, List<Node> ttlNodes,
                String historyPrefix, List<Event> history) {
    KeyTree build(WatcherHub hub) {
      hub.replaceHistory(history);
      KeyTree tree = new KeyTree(root, index, hub, counters, readOnly);
      for (Node n : ttlNodes) {
        tree.ttlHeap.push(n);
      }
      return tree;
    }
  }

  static Parsed parse(byte[] bytes) {
    BinaryIn in = new BinaryIn(bytes);
    if (in.readLong() != MAGIC) {
      throw new IllegalArgumentException("not a store snapshot");
    }
    long version = in.readLong();
    if (version != VERSION && version != VERSION_PATHS) {
      throw new IllegalArgumentException("store snapshot of version " + version + ", not " + VERSION_PATHS
          + " or " + VERSION);
    }
    long index = in.readLong();
    int readOnlyCount = Math.toIntExact(in.readLong());
    Set<String> readOnly = new LinkedHashSet<>();
    for (int i = 0; i < readOnlyCount; i++) {
      readOnly.add(in.readString());
    }
    StoreCounters counters = new StoreCounters();
    for (Kind kind : Kind.values()) {
      counters.set(kind, in.readLong());
    }
    String historyPrefix = in.readString();
    List<Node> ttlNodes = new ArrayList<>();
    Node root = version == VERSION ? readNode(in, null, ttlNodes) : readPathNode(in, null, ttlNodes);
    long eventCount = in.readLong();
    List<Event> events = new ArrayList<>();
    for (long i = 0; i < eventCount; i++) {
      String action = in.readString();
      boolean refresh = in.readBoolean();
      long etcdIndex = in.readLong();
      String key = in.readString();
      boolean dir = in.readBoolean();
      long modifiedIndex = in.readLong();
      String prevKey = null;
      boolean prevDir = false;
      if (in.readBoolean()) {
        prevKey = in.readString();
        prevDir = in.readBoolean();
      }
      EventJson json = EventJson.of(in.readBytes());
      events.add(Event.historic(action, key, dir, modifiedIndex, prevKey, prevDir, etcdIndex, refresh,
          historyPrefix, json));
    }
    if (!in.atEnd()) {
      throw new IllegalArgumentException("trailing bytes after store snapshot");
    }
    // only once the whole snapshot parsed may a hub be touched (build)
    return new Parsed(root, index, counters, Set.copyOf(readOnly), ttlNodes, historyPrefix, events);
  }

  private static Node readNode(BinaryIn in, Node parent, List<Node> ttlNodes) {
    byte[] data = in.readBytes();
    long created = in.readLong();
    long modified = in.readLong();
    long expireAt = in.readLong();
    boolean dir = in.readBoolean();
    Node n = Node.fromData(data, parent, created, expireAt, dir);
    if (dir) {
      long count = in.readLong();
      for (long i = 0; i < count; i++) {
        adopt(n, readNode(in, n, ttlNodes));
      }
    }
    return finish(n, modified, ttlNodes);
  }

  /** A version 2 node: its full path, and its value as a string. */
  private static Node readPathNode(BinaryIn in, Node parent, List<Node> ttlNodes) {
    String name = KeyPath.name(in.readString());
    long created = in.readLong();
    long modified = in.readLong();
    long expireAt = in.readLong();
    boolean dir = in.readBoolean();
    Node n;
    if (dir) {
      n = Node.newDir(name, parent, created, expireAt);
      long count = in.readLong();
      for (long i = 0; i < count; i++) {
        // insertion order then: each child goes to its place by name
        adopt(n, readPathNode(in, n, ttlNodes));
      }
    } else {
      n = Node.newKey(name, parent, created, expireAt, in.readString());
    }
    return finish(n, modified, ttlNodes);
  }

  /** A snapshot naming a child twice is malformed input, not a broken program. */
  private static void adopt(Node dir, Node child) {
    try {
      dir.addChild(child);
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException("store snapshot names a child twice: " + child.path(), e);
    }
  }

  private static Node finish(Node n, long modifiedIndex, List<Node> ttlNodes) {
    n.modifiedIndex = modifiedIndex;
    if (!n.isPermanent()) {
      ttlNodes.add(n);
    }
    return n;
  }
}
