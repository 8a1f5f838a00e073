package io.etcdj.http.keys;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the client sends, parsing ends in a request or an etcd error, never an exception. */
class MalformedInputTest {
  private static final String ALPHABET = "abz019%=&;+/.?#:\u0000\u00ff\u00c3\u00a9 \"\\<>";

  @Property(tries = 400)
  void anyQueryAndBodyParseToARequestOrAnEtcdError(@ForAll("junk") String query, @ForAll("junk") String body,
                                                   @ForAll("methods") String method) {
    ParsedKeyRequest parsed = KeyRequestParser.parse(method, "/k", query, ContentType.FORM, body, 1);

    if (parsed instanceof ParsedKeyRequest.Invalid invalid) {
      assertThat(invalid.error().httpStatus()).isEqualTo(400);
      assertThat(invalid.error().toJson()).isNotEmpty();
    }
  }

  @Property(tries = 400)
  void anyParameterValueParsesToARequestOrAnEtcdError(@ForAll("names") String name, @ForAll("junk") String value) {
    ParsedKeyRequest parsed = KeyRequestParser.parse("GET", "/k", name + "=" + value, null, "", 1);

    assertThat(parsed).isNotNull();
  }

  @Property(tries = 400)
  void anyUriIsRoutedSomewhere(@ForAll("junk") String tail) {
    RequestTarget target = RequestTarget.of("/v2/keys/" + tail);

    assertThat(target).isNotNull();
    if (target instanceof RequestTarget.Keys keys) {
      assertThat(KeyRequestParser.storePath(keys.keyPath())).startsWith("/");
    }
  }

  @Provide
  Arbitrary<String> junk() {
    return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMaxLength(40);
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.of("GET", "HEAD", "PUT", "POST", "DELETE");
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.of("recursive", "sorted", "wait", "waitIndex", "stream", "quorum", "dir", "value", "ttl",
        "prevExist", "prevValue", "prevIndex", "refresh", "noValueOnSuccess", "unknown");
  }
}
