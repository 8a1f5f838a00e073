package io.etcdj.kvstore;

import io.etcdj.kvstore.StoreCommand.PrevExist;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately naive model of the v2 semantics: a sorted map of path to entry, every rule
 * written out plainly, TTLs as a field scanned linearly. The property tests check the store
 * against it.
 */
final class ReferenceModel {
  /** {@code expireAtMs} 0 = permanent. */
  record Entry(boolean dir, String value, long created, long modified, long expireAtMs) {}

  /** What an operation should answer: an action, or an error code and cause. */
  record Outcome(String action, ErrorCode error, String cause, long index) {}

  final TreeMap<String, Entry> entries = new TreeMap<>();
  long index;

  Outcome apply(StoreCommand c) {
    if (c instanceof StoreCommand.Put p) {
      String pv = p.prevValue() == null ? "" : p.prevValue();
      if (p.prevExist() == PrevExist.TRUE) {
        return p.prevIndex() == 0 && pv.isEmpty()
            ? update(p.path(), p.value(), p.expireAtMs(), p.refresh())
            : cas(p.path(), pv, p.prevIndex(), p.value(), p.expireAtMs(), p.refresh());
      }
      if (p.prevExist() == PrevExist.FALSE) {
        return create(p.path(), p.dir(), p.value(), p.expireAtMs(), "create");
      }
      return p.prevIndex() != 0 || !pv.isEmpty()
          ? cas(p.path(), pv, p.prevIndex(), p.value(), p.expireAtMs(), p.refresh())
          : set(p.path(), p.dir(), p.value(), p.expireAtMs(), p.refresh());
    }
    if (c instanceof StoreCommand.Post p) {
      String unique = KeyPath.clean(p.path() + "/" + KeyTree.zeroPad20(index + 1));
      return create(unique, p.dir(), p.value(), p.expireAtMs(), "create");
    }
    if (c instanceof StoreCommand.Expire e) {
      return expire(e.timeMs());
    }
    StoreCommand.Delete d = (StoreCommand.Delete) c;
    String pv = d.prevValue() == null ? "" : d.prevValue();
    return d.prevIndex() != 0 || !pv.isEmpty() ? cad(d.path(), pv, d.prevIndex()) : delete(d.path(), d.dir(), d.recursive());
  }

  private static List<String> ancestors(String p) {
    List<String> out = new ArrayList<>();
    for (int i = p.indexOf('/', 1); i > 0; i = p.indexOf('/', i + 1)) {
      out.add(p.substring(0, i));
    }
    return out;
  }

  /** null when the path resolves; else the error etcd's walk gives (the file in the way is named). */
  private Outcome lookupError(String p) {
    for (String a : ancestors(p)) {
      Entry e = entries.get(a);
      if (e == null) {
        return error(ErrorCode.KEY_NOT_FOUND, a);
      }
      if (!e.dir()) {
        return error(ErrorCode.NOT_DIR, a);
      }
    }
    if (p.equals("/")) {
      return null;
    }
    return entries.containsKey(p) ? null : error(ErrorCode.KEY_NOT_FOUND, p);
  }

  private Outcome error(ErrorCode code, String cause) {
    return new Outcome(null, code, cause, index);
  }

  private Outcome set(String p, boolean dir, String value, long expireAt, boolean refresh) {
    Outcome err = lookupError(p);
    if (err != null && err.error() != ErrorCode.KEY_NOT_FOUND) {
      return err;
    }
    if (refresh) {
      if (err != null) {
        return err;
      }
      value = p.equals("/") ? "" : entries.get(p).value();
    }
    if (p.equals("/")) {
      return error(ErrorCode.ROOT_READ_ONLY, "/");
    }
    Entry existing = entries.get(p);
    if (existing != null && existing.dir()) {
      return error(ErrorCode.NOT_FILE, p);
    }
    put(p, dir, value, expireAt);
    return new Outcome("set", null, null, index);
  }

  private Outcome create(String p, boolean dir, String value, long expireAt, String action) {
    if (p.equals("/")) {
      return error(ErrorCode.ROOT_READ_ONLY, "/");
    }
    for (String a : ancestors(p)) {
      Entry e = entries.get(a);
      if (e != null && !e.dir()) {
        return error(ErrorCode.NOT_DIR, a);
      }
    }
    if (entries.containsKey(p)) {
      return error(ErrorCode.NODE_EXIST, p);
    }
    put(p, dir, value, expireAt);
    return new Outcome(action, null, null, index);
  }

  private void put(String p, boolean dir, String value, long expireAt) {
    index++;
    for (String a : ancestors(p)) {
      entries.putIfAbsent(a, new Entry(true, null, index, index, 0));
    }
    entries.put(p, new Entry(dir, dir ? null : value, index, index, expireAt));
  }

  private Outcome update(String p, String value, long expireAt, boolean refresh) {
    if (p.equals("/")) {
      return error(ErrorCode.ROOT_READ_ONLY, "/");
    }
    Outcome err = lookupError(p);
    if (err != null) {
      return err;
    }
    Entry e = entries.get(p);
    if (e.dir() && !value.isEmpty()) {
      return error(ErrorCode.NOT_FILE, p);
    }
    index++;
    if (e.dir()) {
      entries.put(p, new Entry(true, null, e.created(), e.modified(), expireAt));
    } else {
      entries.put(p, new Entry(false, refresh ? e.value() : value, e.created(), index, expireAt));
    }
    return new Outcome("update", null, null, index);
  }

  private Outcome cas(String p, String prevValue, long prevIndex, String value, long expireAt, boolean refresh) {
    if (p.equals("/")) {
      return error(ErrorCode.ROOT_READ_ONLY, "/");
    }
    Outcome err = lookupError(p);
    if (err != null) {
      return err;
    }
    Entry e = entries.get(p);
    if (e.dir()) {
      return error(ErrorCode.NOT_FILE, p);
    }
    if (!matches(e, prevValue, prevIndex)) {
      return error(ErrorCode.TEST_FAILED, null);
    }
    index++;
    entries.put(p, new Entry(false, refresh ? e.value() : value, e.created(), index, expireAt));
    return new Outcome("compareAndSwap", null, null, index);
  }

  private Outcome delete(String p, boolean dir, boolean recursive) {
    if (p.equals("/")) {
      return error(ErrorCode.ROOT_READ_ONLY, "/");
    }
    Outcome err = lookupError(p);
    if (err != null) {
      return err;
    }
    Entry e = entries.get(p);
    boolean hasChildren = !entries.subMap(p + "/", p + "0").isEmpty();
    if (e.dir() && !dir && !recursive) {
      return error(ErrorCode.NOT_FILE, p);
    }
    if (e.dir() && hasChildren && !recursive) {
      return error(ErrorCode.DIR_NOT_EMPTY, p);
    }
    index++;
    removeTree(p);
    return new Outcome("delete", null, null, index);
  }

  private Outcome cad(String p, String prevValue, long prevIndex) {
    Outcome err = lookupError(p);
    if (err != null) {
      return err;
    }
    Entry e = p.equals("/") ? new Entry(true, null, 0, 0, 0) : entries.get(p);
    if (e.dir()) {
      return error(ErrorCode.NOT_FILE, p);
    }
    if (!matches(e, prevValue, prevIndex)) {
      return error(ErrorCode.TEST_FAILED, null);
    }
    index++;
    entries.remove(p);
    return new Outcome("compareAndDelete", null, null, index);
  }

  private Outcome expire(long cutoffMs) {
    Outcome last = new Outcome("sync", null, null, index);
    while (true) {
      String due = null;
      long dueAt = Long.MAX_VALUE;
      for (Map.Entry<String, Entry> en : entries.entrySet()) {
        long at = en.getValue().expireAtMs();
        if (at != 0 && at <= cutoffMs && (at < dueAt || (at == dueAt && en.getKey().compareTo(due) < 0))) {
          due = en.getKey();
          dueAt = at;
        }
      }
      if (due == null) {
        return last;
      }
      index++;
      removeTree(due);
      last = new Outcome("expire", null, null, index);
    }
  }

  private void removeTree(String p) {
    entries.subMap(p + "/", p + "0").clear();
    entries.remove(p);
  }

  private static boolean matches(Entry e, String prevValue, long prevIndex) {
    return (prevValue.isEmpty() || prevValue.equals(e.value())) && (prevIndex == 0 || prevIndex == e.modified());
  }
}
