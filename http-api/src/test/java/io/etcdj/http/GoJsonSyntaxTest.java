package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Messages as Go 1.19's encoding/json gives them (etcd answers them verbatim). */
class GoJsonSyntaxTest {
  private static String error(String json) { return GoJsonSyntax.error(json.getBytes(StandardCharsets.UTF_8)); }

  @Test void wellFormedJsonHasNoError() {
    assertThat(error("{\"peerURLs\":[\"http://a:1\"],\"n\":-1.5e3,\"t\":true,\"z\":null}")).isNull();
  }

  @Test void unquotedKeyIsReportedAsGoDoes() {
    assertThat(error("{nope")).isEqualTo("invalid character 'n' looking for beginning of object key string");
  }

  @Test void truncatedInputIsUnexpectedEnd() {
    assertThat(error("")).isEqualTo("unexpected end of JSON input");
    assertThat(error("{\"a\":")).isEqualTo("unexpected end of JSON input");
  }

  @Test void errorsAfterValuesNameTheirPlace() {
    assertThat(error("{\"a\" 1}")).isEqualTo("invalid character '1' after object key");
    assertThat(error("{\"a\":1 2}")).isEqualTo("invalid character '2' after object key:value pair");
    assertThat(error("[1 2]")).isEqualTo("invalid character '2' after array element");
    assertThat(error("{} x")).isEqualTo("invalid character 'x' after top-level value");
    assertThat(error("tru")).isEqualTo("unexpected end of JSON input");
    assertThat(error("trUe")).isEqualTo("invalid character 'U' in literal true (expecting 'u')");
    assertThat(error("x")).isEqualTo("invalid character 'x' looking for beginning of value");
  }
}
