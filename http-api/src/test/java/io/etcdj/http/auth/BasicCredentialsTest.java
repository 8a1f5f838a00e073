package io.etcdj.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Authorization headers as Go 1.19's Request.BasicAuth reads them (etcd-fixtures/auth/06-auth-edges). */
class BasicCredentialsTest {
  @Test
  void theSchemeIsCaseInsensitiveAndThePasswordKeepsItsColons() {
    assertThat(BasicCredentials.parse("basic Z2luYTphOmI=")).isEqualTo(new BasicCredentials("gina", "a:b"));
  }

  @Test
  void unpaddedBase64AMissingColonOrAnotherSchemeAreNoCredentials() {
    assertThat(BasicCredentials.parse("Basic cm9vdDpyb290cHc")).isNull();
    assertThat(BasicCredentials.parse("Basic cm9vdA==")).isNull();
    assertThat(BasicCredentials.parse("Bearer x")).isNull();
    assertThat(BasicCredentials.parse("Basic !!!")).isNull();
    assertThat(BasicCredentials.parse(null)).isNull();
  }
}
