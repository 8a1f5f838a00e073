package io.etcdj.http.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreCommand.PrevExist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** parseKeyRequest's validation, codes and causes, as measured on etcd 3.4.23. */
class KeyRequestParserTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final String FORM = "application/x-www-form-urlencoded";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      recursive=maybe          | 209 | invalid value for "recursive"
      sorted=x                 | 209 | invalid value for "sorted"
      wait=2                   | 209 | invalid value for "wait"
      dir=yes                  | 209 | invalid value for "dir"
      quorum=1x                | 209 | invalid value for "quorum"
      stream=maybe             | 209 | invalid value for "stream"
      recursive=               | 209 | invalid value for "recursive"
      noValueOnSuccess=q       | 209 | invalid value for "noValueOnSuccess"
      prevExist=z              | 209 | invalid value for prevExist
      refresh=z                | 209 | invalid value for refresh
      waitIndex=-1             | 203 | invalid value for "waitIndex"
      waitIndex=abc            | 203 | invalid value for "waitIndex"
      waitIndex=               | 203 | invalid value for "waitIndex"
      prevIndex=99999999999999999999999 | 203 | invalid value for "prevIndex"
      prevIndex=18446744073709551616 | 203 | invalid value for "prevIndex"
      ttl=abc                  | 202 | invalid value for "ttl"
      ttl=-1                   | 202 | invalid value for "ttl"
      ttl=18446744073709551616 | 202 | invalid value for "ttl"
      prevValue=               | 201 | "prevValue" cannot be empty
      %zz=1                    | 210 | invalid URL escape "%zz"
      a=%zz                    | 210 | invalid URL escape "%zz"
      a=%2                     | 210 | invalid URL escape "%2"
      a=%                      | 210 | invalid URL escape "%"
      a=1;b=2                  | 210 | invalid semicolon separator in query
      prevIndex=x&waitIndex=y  | 203 | invalid value for "prevIndex"
      recursive=bad&recursive=true | 209 | invalid value for "recursive"
      """)
  void invalidQueryParameterIsRejectedWithEtcdsCodeAndCause(String query, int code, String cause) {
    RequestError error = invalid("GET", query);

    assertThat(error.code()).isEqualTo(code);
    assertThat(error.cause()).isEqualTo(cause);
    assertThat(error.index()).isZero();
    assertThat(error.httpStatus()).isEqualTo(400);
  }

  @Test
  void errorMessagesAreEtcds() {
    assertThat(invalid("GET", "recursive=x").message()).isEqualTo("Invalid field");
    assertThat(invalid("GET", "a=%zz").message()).isEqualTo("Invalid POST form");
    assertThat(invalid("GET", "waitIndex=x").message()).isEqualTo("The given index in POST form is not a number");
    assertThat(invalid("PUT", "ttl=x").message()).isEqualTo("The given TTL in POST form is not a number");
    assertThat(invalid("PUT", "prevValue=").message()).isEqualTo("PrevValue is Required in POST form");
  }

  @Test
  void waitIsOnlyForGet() {
    RequestError error = invalid("PUT", "wait=true");

    assertThat(error.code()).isEqualTo(209);
    assertThat(error.cause()).isEqualTo("\"wait\" can only be used with GET requests");
    assertThat(invalid("HEAD", "wait=true").code()).isEqualTo(209);
  }

  @Test
  void refreshWithAValueIsRejected() {
    RequestError error = invalid("PUT", "refresh=true&ttl=5&value=x");

    assertThat(error.code()).isEqualTo(211);
    assertThat(error.message()).isEqualTo("Value provided on refresh");
    assertThat(error.cause()).isEqualTo("A value was provided on a refresh");
  }

  @Test
  void refreshWithoutTtlIsRejected() {
    RequestError error = invalid("PUT", "refresh=true");

    assertThat(error.code()).isEqualTo(212);
    assertThat(error.message()).isEqualTo("A TTL must be provided on refresh");
    assertThat(error.cause()).isEqualTo("No TTL value set");
    assertThat(invalid("PUT", "refresh=true&ttl=").code()).isEqualTo(212);
  }

  @Test
  void refreshWithTtlAndEmptyValueIsARefreshPut() {
    StoreCommand.Put put = (StoreCommand.Put) write("PUT", "/foo", "refresh=true&ttl=5&value=", null);

    assertThat(put.refresh()).isTrue();
    assertThat(put.expireAtMs()).isEqualTo(NOW + 5000);
  }

  @Test
  void goBooleansAreAccepted() {
    for (String t : new String[] {"1", "t", "T", "TRUE", "true", "True"}) {
      assertThat(((KeyRequest.Read) valid("GET", "/a", "recursive=" + t, null, "")).recursive()).isTrue();
    }
    for (String f : new String[] {"0", "f", "F", "FALSE", "false", "False"}) {
      assertThat(((KeyRequest.Read) valid("GET", "/a", "recursive=" + f, null, "")).recursive()).isFalse();
    }
    assertThat(invalid("GET", "recursive=yes").code()).isEqualTo(209);
  }

  @Test
  void firstValueOfARepeatedParameterCounts() {
    assertThat(((KeyRequest.Read) valid("GET", "/a", "recursive=TRUE&recursive=bad", null, "")).recursive()).isTrue();
  }

  @Test
  void unknownAndEmptyParametersAreIgnored() {
    assertThat(valid("GET", "/a", "foo=bar&=&&x&a+b=c+d", null, "")).isInstanceOf(KeyRequest.Read.class);
  }

  @Test
  void putMapsEveryParameterOntoTheCommand() {
    StoreCommand.Put put = (StoreCommand.Put) write("PUT", "/a/b",
        "prevExist=false&prevValue=old&prevIndex=7&ttl=10&dir=true", "value=v");

    assertThat(put).isEqualTo(new StoreCommand.Put("/1/a/b", "v", true, NOW + 10_000, false,
        PrevExist.FALSE, "old", 7, NOW));
  }

  @Test
  void prevExistIsTriState() {
    assertThat(((StoreCommand.Put) write("PUT", "/a", "", "value=1")).prevExist()).isEqualTo(PrevExist.UNSET);
    assertThat(((StoreCommand.Put) write("PUT", "/a", "prevExist=true", null)).prevExist()).isEqualTo(PrevExist.TRUE);
    assertThat(((StoreCommand.Put) write("PUT", "/a", "prevExist=0", null)).prevExist()).isEqualTo(PrevExist.FALSE);
  }

  @Test
  void emptyTtlMeansPermanent() {
    assertThat(((StoreCommand.Put) write("PUT", "/a", "ttl=", "value=1")).expireAtMs()).isZero();
  }

  @Test
  void ttlZeroExpiresNow() {
    assertThat(((StoreCommand.Put) write("PUT", "/a", "ttl=0", "value=1")).expireAtMs()).isEqualTo(NOW);
  }

  @Test
  void ttlOverflowingGoNanosecondsIsPermanentAsInEtcd() {
    assertThat(((StoreCommand.Put) write("PUT", "/a", "ttl=9223372036", "value=1")).expireAtMs()).isZero();
  }

  @Test
  void postAndDeleteMapOntoTheirCommands() {
    assertThat(write("POST", "/q", "ttl=1", "value=x"))
        .isEqualTo(new StoreCommand.Post("/1/q", "x", false, NOW + 1000, NOW));
    assertThat(write("DELETE", "/d", "recursive=true&dir=true&prevIndex=3", null))
        .isEqualTo(new StoreCommand.Delete("/1/d", true, true, "", 3, NOW));
  }

  @Test
  void bodyValuesComeBeforeQueryValues() {
    assertThat(((StoreCommand.Put) write("PUT", "/a", "value=query", "value=body")).value()).isEqualTo("body");
  }

  @Test
  void bodyIsIgnoredUnlessItIsAForm() {
    ParsedKeyRequest parsed = KeyRequestParser.parse("PUT", "/a", "", "text/plain", "value=1", NOW);
    assertThat(((StoreCommand.Put) ((KeyRequest.Write) ((ParsedKeyRequest.Valid) parsed).request()).command())
        .value()).isEmpty();
    ParsedKeyRequest upper = KeyRequestParser.parse("PUT", "/a", "", "APPLICATION/X-WWW-FORM-URLENCODED; charset=utf-8",
        "value=1", NOW);
    assertThat(((StoreCommand.Put) ((KeyRequest.Write) ((ParsedKeyRequest.Valid) upper).request()).command())
        .value()).isEqualTo("1");
  }

  @Test
  void bodyOfAGetOrDeleteIsNotParsed() {
    assertThat(KeyRequestParser.parse("DELETE", "/a", "", FORM, "a=%zz", NOW))
        .isInstanceOf(ParsedKeyRequest.Valid.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      ';;'                                        | mime: no media type
      'application/x-www-form-urlencoded; charset' | mime: invalid media parameter
      'application/'                              | mime: expected token after slash
      'application x'                             | mime: expected slash after first token
      """)
  void malformedContentTypeIsAnInvalidForm(String contentType, String cause) {
    ParsedKeyRequest parsed = KeyRequestParser.parse("PUT", "/a", "", contentType, "value=1", NOW);

    RequestError error = ((ParsedKeyRequest.Invalid) parsed).error();
    assertThat(error.code()).isEqualTo(210);
    assertThat(error.cause()).isEqualTo(cause);
  }

  @Test
  void bodyFormErrorWinsOverQueryError() {
    ParsedKeyRequest parsed = KeyRequestParser.parse("PUT", "/a", "a=%zz", FORM, "value=1;", NOW);

    assertThat(((ParsedKeyRequest.Invalid) parsed).error().cause()).isEqualTo("invalid semicolon separator in query");
  }

  @Test
  void quorumGetIsAQuorumReadEvenWithWait() {
    KeyRequest.Read read = (KeyRequest.Read) valid("GET", "/a", "quorum=true&wait=true", null, "");

    assertThat(read.quorum()).isTrue();
  }

  @Test
  void waitGetIsAWatchFromTheGivenIndex() {
    assertThat(valid("GET", "/a/", "wait=true&waitIndex=5&recursive=true&stream=true", null, ""))
        .isEqualTo(new KeyRequest.Watch("/1/a", true, true, 5));
  }

  @Test
  void headIsALocalReadWithoutBody() {
    assertThat(valid("HEAD", "", "quorum=true", null, ""))
        .isEqualTo(new KeyRequest.Read("/1", false, false, false, true));
  }

  @Test
  void keyPathsAreJoinedUnderTheKeysPrefixAndCleaned() {
    assertThat(KeyRequestParser.storePath("")).isEqualTo("/1");
    assertThat(KeyRequestParser.storePath("/")).isEqualTo("/1");
    assertThat(KeyRequestParser.storePath("/foo/")).isEqualTo("/1/foo");
    assertThat(KeyRequestParser.storePath("/a//b/../c")).isEqualTo("/1/a/c");
    assertThat(KeyRequestParser.storePath("/../..")).isEqualTo("/");
  }

  @Test
  void percentEncodedValuesAreDecodedAsUtf8() {
    StoreCommand.Put put = (StoreCommand.Put) write("PUT", "/a", "", "value=%C3%A9+x%00");

    assertThat(put.value()).isEqualTo("\u00e9 x\u0000");
  }

  private static KeyRequest valid(String method, String keyPath, String query, String contentType, String body) {
    ParsedKeyRequest parsed = KeyRequestParser.parse(method, keyPath, query, contentType, body, NOW);
    assertThat(parsed).isInstanceOf(ParsedKeyRequest.Valid.class);
    return ((ParsedKeyRequest.Valid) parsed).request();
  }

  private static StoreCommand write(String method, String keyPath, String query, String body) {
    KeyRequest r = valid(method, keyPath, query, body == null ? null : FORM, body == null ? "" : body);
    return ((KeyRequest.Write) r).command();
  }

  private static RequestError invalid(String method, String query) {
    ParsedKeyRequest parsed = KeyRequestParser.parse(method, "/foo", query, null, "", NOW);
    assertThat(parsed).isInstanceOf(ParsedKeyRequest.Invalid.class);
    return ((ParsedKeyRequest.Invalid) parsed).error();
  }
}
