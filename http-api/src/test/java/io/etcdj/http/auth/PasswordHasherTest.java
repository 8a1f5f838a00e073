package io.etcdj.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hashes etcd 3.4.23 stored (read from its v2 store snapshot) verify here, and ours are etcd's kind. */
class PasswordHasherTest {
  // /2/users/alice and /2/users/bob of an etcd 3.4.23 whose users were created with passwords "a" and "b"
  private static final String ETCD_HASH_OF_A = "$2a$10$lL3e2WcLw/iEoXGjk6c36e.9nC0/4/0yMJHQXR7A3VQqr9Hz7gkZ2";
  private static final String ETCD_HASH_OF_B = "$2a$10$z3iq0m6QSXOLt1V5.p2SE.pv1ly9Wt14EYaiE0QMcjPTz1rk69zAG";

  @Test
  void aHashEtcdsGoBcryptMadeVerifies() {
    assertThat(PasswordHasher.verifies("a", ETCD_HASH_OF_A)).isTrue();
    assertThat(PasswordHasher.verifies("b", ETCD_HASH_OF_B)).isTrue();
    assertThat(PasswordHasher.verifies("b", ETCD_HASH_OF_A)).isFalse();
  }

  @Test
  void theSameHashWithThe2bPrefixVerifiesToo() {
    assertThat(PasswordHasher.verifies("a", "$2b$" + ETCD_HASH_OF_A.substring(4))).isTrue();
  }

  @Test
  void newHashesAre2aAtGosDefaultCostAndSalted() {
    String first = PasswordHasher.hash("secret");
    assertThat(first).startsWith("$2a$10$").hasSize(60);
    assertThat(PasswordHasher.hash("secret")).isNotEqualTo(first);
    assertThat(PasswordHasher.verifies("secret", first)).isTrue();
    assertThat(PasswordHasher.verifies("Secret", first)).isFalse();
  }

  @Test
  void aMalformedStoredHashVerifiesNothing() {
    assertThat(PasswordHasher.verifies("a", "not a hash")).isFalse();
    assertThat(PasswordHasher.verifies("", "")).isFalse();
  }
}
