package io.etcdj.http.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials bcrypt already judged, so an authenticated request costs a SHA-256 instead of a
 * bcrypt round (etcd pays bcrypt on every request, tens of ms; on an event loop that would stall
 * every connection of the loop). An entry is the user, a SHA-256 of the password that was
 * supplied (never the password), the stored hash it was checked against and the verdict: it
 * counts only while the user's stored hash is still that one, so a changed password or a deleted
 * user drops it at once, and {@link #retainValid} sweeps such entries when the auth data changes.
 * Wrong passwords are remembered too: a client retrying with a stale password costs one bcrypt
 * round, not one per request.
 * Roles are not cached: they are read from the current {@link AuthSnapshot} on every request.
 *
 * <p>Threads: shared by every event loop (lookups and additions) and swept by whichever loop sees
 * a new auth snapshot first; a ConcurrentHashMap, bounded by clearing it when full (a burst of
 * bcrypt rounds afterwards, never unbounded memory).
 */
final class CredentialCache {
  static final int MAX_ENTRIES = 1024;

  /** {@code passwordDigest}: a ByteBuffer for its content equality, over the SHA-256's bytes. */
  private record Key(String user, ByteBuffer passwordDigest) {}

  private record Verdict(String hash, boolean verified) {}

  /** SHA-256 instances are not thread-safe; one per event loop thread. */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  });

  private final ConcurrentHashMap<Key, Verdict> verdicts = new ConcurrentHashMap<>();
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
    Verdict known = verdicts.get(key);
    if (known != null && known.hash().equals(user.passwordHash())) {
      return known.verified();
    }
    boolean verified = PasswordHasher.verifies(password, user.passwordHash());
    if (verdicts.size() >= maxEntries) {
      verdicts.clear();
    }
    verdicts.put(key, new Verdict(user.passwordHash(), verified));
    return verified;
  }

  /** The verdict {@link #verifies} would answer from the cache, or null when it would run bcrypt. */
  Boolean knownVerdict(AuthUser user, String password) {
    Verdict known = verdicts.get(new Key(user.name(), digest(password)));
    return known != null && known.hash().equals(user.passwordHash()) ? known.verified() : null;
  }

  /** Drops the entries whose user is gone or whose password changed in {@code snapshot}. */
  void retainValid(AuthSnapshot snapshot) {
    verdicts.entrySet().removeIf(e -> {
      AuthUser u = snapshot.users().get(e.getKey().user());
      return u == null || !u.passwordHash().equals(e.getValue().hash());
    });
  }

  int size() {
    return verdicts.size();
  }

  private static ByteBuffer digest(String password) {
    return ByteBuffer.wrap(SHA256.get().digest(password.getBytes(StandardCharsets.UTF_8)));
  }
}
