package io.etcdj.http.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A role's {@code kv} permissions (etcd's RWPermission): key patterns that may be read and
 * written. A pattern ending in '*' is a prefix, any other an exact key. A list is null where Go's
 * slice is nil: etcd stores and answers it as {@code null}, and tells "nil" from "empty" when it
 * decides whether an update changed anything, so both are kept apart here.
 */
public record Permissions(List<String> read, List<String> write) {
  public static final Permissions NONE = new Permissions(null, null);
  public static final Permissions ALL = new Permissions(List.of("/*"), List.of("/*"));

  public Permissions {
    read = read == null ? null : List.copyOf(read);
    write = write == null ? null : List.copyOf(write);
  }

  /** etcd's Permissions.IsEmpty: nothing to read nor write (nil or empty lists alike). */
  public boolean isEmpty() {
    return (read == null || read.isEmpty()) && (write == null || write.isEmpty());
  }

  /** etcd's HasAccess: some pattern matches {@code key} (prefix or exact). */
  public boolean hasAccess(String key, boolean writeAccess) {
    for (String pattern : listFor(writeAccess)) {
      if (pattern.endsWith("*") ? hasPrefix(key, pattern) : key.equals(pattern)) {
        return true;
      }
    }
    return false;
  }

  /** etcd's HasRecursiveAccess: only a prefix pattern grants a recursive operation. */
  public boolean hasRecursiveAccess(String key, boolean writeAccess) {
    for (String pattern : listFor(writeAccess)) {
      if (pattern.endsWith("*") && hasPrefix(key, pattern)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code key} starts with {@code pattern} less its final '*' (checked on every request: no copy). */
  private static boolean hasPrefix(String key, String pattern) {
    int length = pattern.length() - 1;
    return key.length() >= length && key.regionMatches(0, pattern, 0, length);
  }

  private List<String> listFor(boolean writeAccess) {
    List<String> list = writeAccess ? write : read;
    return list == null ? List.of() : list;
  }

  /** etcd's RWPermission.Grant: both lists become sorted sets; a pattern already there is a 409. */
  Permissions grant(Permissions more) throws AuthFailure {
    TreeSet<String> r = setOf(read);
    for (String p : orEmpty(more.read)) {
      if (!r.add(p)) {
        throw AuthFailure.conflict("Granting duplicate read permission " + p);
      }
    }
    TreeSet<String> w = setOf(write);
    for (String p : orEmpty(more.write)) {
      if (!w.add(p)) {
        throw AuthFailure.conflict("Granting duplicate write permission " + p);
      }
    }
    return new Permissions(new ArrayList<>(r), new ArrayList<>(w));
  }

  /** etcd's RWPermission.Revoke: revoking what was never granted is skipped, not refused. */
  Permissions revoke(Permissions less) {
    TreeSet<String> r = setOf(read);
    orEmpty(less.read).forEach(r::remove);
    TreeSet<String> w = setOf(write);
    orEmpty(less.write).forEach(w::remove);
    return new Permissions(new ArrayList<>(r), new ArrayList<>(w));
  }

  private static TreeSet<String> setOf(List<String> list) {
    return new TreeSet<>(orEmpty(list));
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }
}
