package io.etcdj.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeysQueryTest {
  @Test void keyPathEncodesEachSegmentButKeepsSlashes() {
    assertThat(KeysQuery.keysPath("/a b/c&d")).isEqualTo("/v2/keys/a%20b/c%26d");
  }

  @Test void keyWithoutLeadingSlashGetsOne() {
    assertThat(KeysQuery.keysPath("foo")).isEqualTo("/v2/keys/foo");
  }

  @Test void rootKeyIsTheKeysEndpoint() {
    assertThat(KeysQuery.keysPath("/")).isEqualTo("/v2/keys/");
  }

  @Test void formValuesAreEncodedAndTtlZeroIsOmitted() {
    KeysQuery q = new KeysQuery().add("value", "a+b =c").ttl(0).addIf(false, "x", "y");
    assertThat(q.encoded()).isEqualTo("value=a%2Bb%20%3Dc");
    assertThat(new KeysQuery().appendTo("/p")).isEqualTo("/p");
  }
}
