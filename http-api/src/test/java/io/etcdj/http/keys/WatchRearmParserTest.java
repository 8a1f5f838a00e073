package io.etcdj.http.keys;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The re-arm fast path must decide exactly what the general path decides, whenever it decides. */
class WatchRearmParserTest {
  private static final long NOW = 1_700_000_000_000L;

  /** What RequestTarget and KeyRequestParser make of a GET of {@code uri}; null when not a valid request. */
  private static KeyRequest general(String uri) {
    if (!(RequestTarget.of(uri) instanceof RequestTarget.Keys keys)) {
      return null;
    }
    ParsedKeyRequest parsed = KeyRequestParser.parse("GET", keys.keyPath(), keys.rawQuery(), null, "", NOW);
    return parsed instanceof ParsedKeyRequest.Valid valid ? valid.request() : null;
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/v2/keys/svc?wait=true&waitIndex=42&recursive=true",
      "/v2/keys/svc?wait=true&recursive=true&waitIndex=7",
      "/v2/keys/a/b.c/d-e_f?waitIndex=1&wait=true",
      "/v2/keys/svc?wait=true&stream=true&recursive=false",
      "/v2/keys/svc?wait=true",
      "/v2/keys/x?wait=true&waitIndex=0",
  })
  void typicalReArmRequestsTakeTheFastPathAndMatchTheGeneralOne(String uri) {
    KeyRequest.Watch fast = WatchRearmParser.parse(uri);
    assertThat(fast).isNotNull();
    assertThat(fast).isEqualTo(general(uri));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/v2/keys/svc?wait=false&waitIndex=1",           // a plain read
      "/v2/keys/svc?wait=true&quorum=true",           // etcd serves a quorum read instead
      "/v2/keys/svc?wait=true&sorted=true",
      "/v2/keys/svc?wait=1",                           // Go's ParseBool accepts it: general path
      "/v2/keys/svc?wait=true&waitIndex=x",            // 203 from the general path
      "/v2/keys/svc?wait=true&waitIndex=99999999999999999999",
      "/v2/keys/svc?wait=true&wait=false",             // duplicates: Go takes the first
      "/v2/keys/s%76c?wait=true",                      // escapes
      "/v2/keys/svc/?wait=true",                       // trailing slash: cleaned
      "/v2/keys/a/../b?wait=true",                     // redirect
      "/v2/keys/a//b?wait=true",
      "/v2/keys/./a?wait=true",
      "/v2/keys?wait=true",
      "/v2/keys/svc?wait=true;recursive=true",
      "/v2/keys/svc?wait=true&",
      "/v2/keys/svc?wait=true&recursive",
      "/v2/keys/svc",
      "http://host/v2/keys/svc?wait=true",
  })
  void anythingUnusualIsLeftToTheGeneralPath(String uri) {
    assertThat(WatchRearmParser.parse(uri)).isNull();
  }

  @Provide
  Arbitrary<String> uris() {
    Arbitrary<String> segment = Arbitraries.of("svc", "a", "b.c", ".", "..", "", "x_y", "%41", "k-1", "_h");
    Arbitrary<String> path = segment.list().ofMinSize(0).ofMaxSize(3).map(s -> "/" + String.join("/", s));
    Arbitrary<String> param = Arbitraries.of("wait=true", "wait=false", "wait=1", "waitIndex=5", "waitIndex=0",
        "waitIndex=", "waitIndex=12345678901234567890", "recursive=true", "recursive=false", "recursive=T",
        "stream=true", "stream=false", "quorum=true", "sorted=true", "x=1", "wait", "", "a=%zz", "wait=true;b=1");
    Arbitrary<String> query = param.list().ofMinSize(0).ofMaxSize(5).map(l -> String.join("&", l));
    return Combinators.combine(path, query, Arbitraries.of("", "?")).as((p, q, mark) ->
        "/v2/keys" + p + (q.isEmpty() && mark.isEmpty() ? "" : "?" + q));
  }

  @Property(tries = 3000, seed = "20261202")
  void fastPathNeverDisagreesWithTheGeneralPath(@ForAll @From("uris") String uri) {
    KeyRequest.Watch fast = WatchRearmParser.parse(uri);
    if (fast != null) {
      assertThat(general(uri)).as(uri).isEqualTo(fast);
    }
  }
}
