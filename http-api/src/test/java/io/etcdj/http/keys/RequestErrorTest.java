package io.etcdj.http.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Error bodies byte for byte as Go's encoding/json writes v2error.Error. */
class RequestErrorTest {
  @Test
  void bodyHasEtcdsFieldOrderAndTrailingNewline() {
    assertThat(json(RequestError.invalidField("invalid value for \"recursive\""))).isEqualTo(
        "{\"errorCode\":209,\"message\":\"Invalid field\",\"cause\":\"invalid value for \\\"recursive\\\"\",\"index\":0}\n");
  }

  @Test
  void emptyCauseIsOmitted() {
    assertThat(json(RequestError.raftInternal(""))).isEqualTo(
        "{\"errorCode\":300,\"message\":\"Raft Internal Error\",\"index\":0}\n");
  }

  @Test
  void causeIsEscapedAsGoDoesIncludingHtmlCharacters() {
    assertThat(json(RequestError.invalidForm("<a&b>\u0001\t\u2028"))).contains(
        "\"cause\":\"\\u003ca\\u0026b\\u003e\\u0001\\t\\u2028\"");
  }

  @Test
  void urlEscapeErrorsQuoteTheOffendingTextAsStrconvQuote() {
    assertThat(GoQuote.quote("%zz")).isEqualTo("\"%zz\"");
    assertThat(GoQuote.quote("%\"\\")).isEqualTo("\"%\\\"\\\\\"");
    assertThat(GoQuote.quote("%\u0001")).isEqualTo("\"%\\x01\"");
    assertThat(GoQuote.quoteBytes(new byte[] {'%', (byte) 0xc3, (byte) 0xa9})).isEqualTo("\"%\u00e9\"");
    assertThat(GoQuote.quoteBytes(new byte[] {'%', 'z', (byte) 0xc3})).isEqualTo("\"%z\\xc3\"");
  }

  private static String json(RequestError e) {
    return new String(e.toJson(), StandardCharsets.UTF_8);
  }
}
