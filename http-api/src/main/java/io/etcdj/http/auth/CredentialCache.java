package io.etcdj.http.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials that passed bcrypt once, so an authenticated request costs a SHA-256 instead of a
 * bcrypt round (etcd pays bcrypt on every request). An entry is the user, a SHA-256 of the
 * password that was supplied (never the password) and the stored hash it verified against: it
 * counts only while the user's stored hash is still that one, so a changed password or a deleted
 * user drops it at once, and {@link #retainValid} sweeps such entries when the auth data changes.
 * Roles are not cached: they are read from the current {@link AuthSnapshot} on every request.
 *
 * <p>Threads: shared by every event loop (lookups and additions) and swept by whichever loop sees
 * a new auth snapshot first; a ConcurrentHashMap, bounded by clearing it when full (a burst of
 * bcrypt rounds afterwards, never unbounded memory).
 */
final class CredentialCache {
  static final int MAX_ENTRIES = 1024;

  private record Key(String user, String passwordDigest) {}

  private final ConcurrentHashMap<Key, String> verified = new ConcurrentHashMap<>();
  private final int maxEntries;

  CredentialCache() {
    this(MAX_ENTRIES);
  }

  CredentialCache(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /** Whether {@code password} is {@code user}'s: from the cache, or by bcrypt (then remembered). */
  boolean verifies(AuthUser user, String password) {
    Key key = new Key(user.name(), digest(password));
    String hash = verified.get(key);
    if (hash != null && hash.equals(user.passwordHash())) {
      return true;
    }
    if (!PasswordHasher.verifies(password, user.passwordHash())) {
      return false;
    }
    if (verified.size() >= maxEntries) {
      verified.clear();
    }
    verified.put(key, user.passwordHash());
    return true;
  }

  /** Drops the entries whose user is gone or whose password changed in {@code snapshot}. */
  void retainValid(AuthSnapshot snapshot) {
    verified.entrySet().removeIf(e -> {
      AuthUser u = snapshot.users().get(e.getKey().user());
      return u == null || !u.passwordHash().equals(e.getValue());
    });
  }

  int size() {
    return verified.size();
  }

  private static String digest(String password) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
