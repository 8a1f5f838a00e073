package io.etcdj.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verified credentials count only while the user's stored hash is the one they verified against. */
class CredentialCacheTest {
  private static final String HASH_OF_A = PasswordHasher.hash("a");
  private final AuthUser alice = new AuthUser("alice", HASH_OF_A, List.of("rw"));

  @Test
  void bothVerdictsAreRememberedPerPassword() {
    CredentialCache cache = new CredentialCache();
    assertThat(cache.verifies(alice, "wrong")).isFalse();
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.verifies(alice, "a")).isTrue();
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.verifies(alice, "a")).isTrue();
    assertThat(cache.verifies(alice, "wrong")).isFalse();
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void aRememberedWrongPasswordWorksOnceItBecomesTheUsersPassword() {
    CredentialCache cache = new CredentialCache();
    assertThat(cache.verifies(alice, "b")).isFalse();
    AuthUser changed = new AuthUser("alice", PasswordHasher.hash("b"), alice.roles());
    assertThat(cache.verifies(changed, "b")).isTrue();
  }

  @Test
  void aChangedPasswordMakesTheRememberedOneFailAtOnce() {
    CredentialCache cache = new CredentialCache();
    assertThat(cache.verifies(alice, "a")).isTrue();
    AuthUser changed = new AuthUser("alice", PasswordHasher.hash("b"), alice.roles());
    assertThat(cache.verifies(changed, "a")).isFalse();
    assertThat(cache.verifies(changed, "b")).isTrue();
  }

  @Test
  void entriesOfDeletedUsersOrChangedPasswordsAreSweptWhenTheAuthDataChanges() {
    CredentialCache cache = new CredentialCache();
    AuthUser bob = new AuthUser("bob", PasswordHasher.hash("b"), null);
    cache.verifies(alice, "a");
    cache.verifies(bob, "b");
    cache.retainValid(new AuthSnapshot(1, true, true, Map.of("alice", alice), Map.of()));
    assertThat(cache.size()).isEqualTo(1);
    AuthUser rehashed = new AuthUser("alice", PasswordHasher.hash("a"), alice.roles());
    cache.retainValid(new AuthSnapshot(2, true, true, Map.of("alice", rehashed), Map.of()));
    assertThat(cache.size()).isZero();
  }

  @Test
  void roleChangesKeepTheEntryBecauseRolesAreNeverCached() {
    CredentialCache cache = new CredentialCache();
    cache.verifies(alice, "a");
    AuthUser regranted = new AuthUser("alice", HASH_OF_A, List.of());
    cache.retainValid(new AuthSnapshot(2, true, true, Map.of("alice", regranted), Map.of()));
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.verifies(regranted, "a")).isTrue();
  }

  @Test
  void theCacheNeverHoldsMoreThanItsBound() {
    CredentialCache cache = new CredentialCache(2);
    AuthUser bob = new AuthUser("bob", HASH_OF_A, null);
    AuthUser carol = new AuthUser("carol", HASH_OF_A, null);
    cache.verifies(alice, "a");
    cache.verifies(bob, "a");
    cache.verifies(carol, "a");
    assertThat(cache.size()).isLessThanOrEqualTo(2);
    assertThat(cache.verifies(alice, "a")).isTrue();
  }
}
