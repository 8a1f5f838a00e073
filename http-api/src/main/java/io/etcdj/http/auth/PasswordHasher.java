package io.etcdj.http.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;

/**
 * Passwords as etcd's v2 auth hashes them: bcrypt, {@code $2a$} at Go's DefaultCost 10, so a hash
 * etcd stored verifies here and ours in etcd. Like the Go library etcd 3.4 vendors, a password
 * longer than bcrypt's 72 bytes counts by its first 72. Stateless and thread-safe; hashing and
 * verifying cost a bcrypt round each (tens of ms), see {@link CredentialCache}.
 */
public final class PasswordHasher {
  /** golang.org/x/crypto/bcrypt.DefaultCost, which etcd uses. */
  static final int COST = 10;
  private static final BCrypt.Hasher HASHER = BCrypt.with(BCrypt.Version.VERSION_2A,
      LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));
  private static final BCrypt.Verifyer VERIFYER = BCrypt.verifyer(BCrypt.Version.VERSION_2A,
      LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));

  private PasswordHasher() {}

  /** A fresh salted {@code $2a$10$...} hash of {@code password}. */
  public static String hash(String password) {
    return new String(HASHER.hash(COST, password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
  }

  /** Whether {@code password} is the one {@code hash} was made from ($2a$, $2b$ or $2y$); false for a malformed hash. */
  public static boolean verifies(String password, String hash) {
    if (hash == null || hash.isEmpty()) {
      return false;
    }
    try {
      return VERIFYER.verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.US_ASCII))
          .verified;
    } catch (RuntimeException e) {
      return false; // not a bcrypt hash: Go's CompareHashAndPassword fails too
    }
  }
}
