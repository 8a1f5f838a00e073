package io.etcdj.http.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.kvstore.Store;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads, writes and errors through real HTTP/1.1, checked against what etcd 3.4.23 answers. */
class KeysOverHttpTest {
  private final ExecutorService applyThread = Executors.newSingleThreadExecutor();
  private DirectBackend backend;
  private KeysTestServer server;
  private RawHttp http;

  @BeforeEach
  void start() throws Exception {
    backend = new DirectBackend(Store.etcdV2(1000), applyThread);
    server = new KeysTestServer(new KeysEndpoint(backend));
    http = new RawHttp(server.port());
  }

  @AfterEach
  void stop() throws Exception {
    http.close();
    server.close();
    applyThread.shutdownNow();
  }

  @Test
  void putOfANewKeyAnswers201WithEtcdHeadersInGoOrder() throws Exception {
    RawHttp.Response r = http.exchange("PUT", "/v2/keys/foo", "value=1");

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body()).isEqualTo(
        "{\"action\":\"set\",\"node\":{\"key\":\"/foo\",\"value\":\"1\",\"modifiedIndex\":1,\"createdIndex\":1}}\n");
    assertThat(r.headerNames()).containsExactly("Access-Control-Allow-Headers",
        "Access-Control-Allow-Methods", "Access-Control-Allow-Origin", "Content-Type",
        "X-Etcd-Cluster-Id", "X-Etcd-Index", "X-Raft-Index", "X-Raft-Term", "Date", "Content-Length");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("X-Etcd-Cluster-Id")).isEqualTo("cdf818194e3a8c32");
    assertThat(r.header("X-Etcd-Index")).isEqualTo("1");
    assertThat(r.header("X-Raft-Index")).isEqualTo("6");
    assertThat(r.header("X-Raft-Term")).isEqualTo("2");
    assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length()));
  }

  @Test
  void overwritingAKeyAnswers200WithPrevNode() throws Exception {
    http.exchange("PUT", "/v2/keys/foo", "value=1");
    RawHttp.Response r = http.exchange("PUT", "/v2/keys/foo", "value=2");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("\"prevNode\":{\"key\":\"/foo\",\"value\":\"1\"");
  }

  @Test
  void getAnswersTheNodeWithTheStoreIndex() throws Exception {
    http.exchange("PUT", "/v2/keys/foo", "value=1");
    RawHttp.Response r = http.exchange("GET", "/v2/keys/foo", null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(
        "{\"action\":\"get\",\"node\":{\"key\":\"/foo\",\"value\":\"1\",\"modifiedIndex\":1,\"createdIndex\":1}}\n");
    assertThat(r.header("X-Etcd-Index")).isEqualTo("1");
  }

  @Test
  void getOfTheKeysRootListsItAsADirectoryWithoutKey() throws Exception {
    http.exchange("PUT", "/v2/keys/foo", "value=1");

    for (String target : new String[] {"/v2/keys", "/v2/keys/"}) {
      RawHttp.Response r = http.exchange("GET", target + "?recursive=true", null);
      assertThat(r.body()).isEqualTo("{\"action\":\"get\",\"node\":{\"dir\":true,\"nodes\":[{\"key\":\"/foo\","
          + "\"value\":\"1\",\"modifiedIndex\":1,\"createdIndex\":1}]}}\n");
    }
  }

  @Test
  void missingKeyAnswers404WithTrimmedCauseAndTheErrorIndex() throws Exception {
    http.exchange("PUT", "/v2/keys/foo", "value=1");
    RawHttp.Response r = http.exchange("GET", "/v2/keys/nope", null);

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/nope\",\"index\":1}\n");
    assertThat(r.header("X-Etcd-Index")).isEqualTo("1");
    assertThat(r.header("X-Raft-Index")).isNull();
    assertThat(r.headerNames()).containsExactly("Access-Control-Allow-Headers",
        "Access-Control-Allow-Methods", "Access-Control-Allow-Origin", "Content-Type",
        "X-Etcd-Cluster-Id", "X-Etcd-Index", "Date", "Content-Length");
  }

  @Test
  void headAnswersGetsHeadersAndLengthWithoutBody() throws Exception {
    http.exchange("PUT", "/v2/keys/foo", "value=1");
    RawHttp.Response head = http.exchange("HEAD", "/v2/keys/foo", null);
    RawHttp.Response get = http.exchange("GET", "/v2/keys/foo", null);

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));
    assertThat(head.header("X-Etcd-Index")).isEqualTo("1");
  }

  @Test
  void unsupportedMethodAnswersGo405WithAllowHeader() throws Exception {
    RawHttp.Response r = http.exchange("PATCH", "/v2/keys/foo", null);

    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Allow")).isEqualTo("HEAD,GET,PUT,POST,DELETE");
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.header("X-Etcd-Cluster-Id")).isNull();
    assertThat(r.body()).isEqualTo("Method Not Allowed\n");
  }

  @Test
  void optionsIsAnsweredByTheCorsLayerWithAnEmptyBody() throws Exception {
    RawHttp.Response r = http.exchange("OPTIONS", "/v2/keys/foo", null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Length")).isEqualTo("0");
    assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
  }

  @Test
  void uncleanPathRedirectsToTheCleanedOneKeepingTheQuery() throws Exception {
    RawHttp.Response r = http.exchange("GET", "/v2/keys//a?x=1", null);

    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("Location")).isEqualTo("/v2/keys/a?x=1");
    assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(r.body()).isEqualTo("<a href=\"/v2/keys/a?x=1\">Moved Permanently</a>.\n\n");

    RawHttp.Response put = http.exchange("PUT", "/v2/keys/a/../b", "value=1");
    assertThat(put.status()).isEqualTo(301);
    assertThat(put.header("Location")).isEqualTo("/v2/keys/b");
    assertThat(put.header("Content-Length")).isEqualTo("0");
  }

  @Test
  void badEscapeInThePathAnswersGoRaw400AndCloses() throws Exception {
    http.send("GET /v2/keys/%zz HTTP/1.1\r\nHost: t\r\n\r\n");
    RawHttp.Response r = http.read();

    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(r.header("Connection")).isEqualTo("close");
    assertThat(r.body()).isEqualTo("400 Bad Request");
  }

  @Test
  void nulByteInThePathIsAKeyLikeAnyOther() throws Exception {
    RawHttp.Response r = http.exchange("GET", "/v2/keys/%00", null);

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/\\u0000\",\"index\":0}\n");
  }

  @Test
  void invalidParameterAnswersEtcdsRequestErrorWithIndexZero() throws Exception {
    RawHttp.Response r = http.exchange("GET", "/v2/keys/foo?recursive=maybe", null);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("X-Etcd-Index")).isEqualTo("0");
    assertThat(r.body()).isEqualTo(
        "{\"errorCode\":209,\"message\":\"Invalid field\",\"cause\":\"invalid value for \\\"recursive\\\"\",\"index\":0}\n");
  }

  @Test
  void noValueOnSuccessAnswersOnlyTheAction() throws Exception {
    RawHttp.Response r = http.exchange("PUT", "/v2/keys/nv?noValueOnSuccess=true", "value=1");

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body()).isEqualTo("{\"action\":\"set\"}\n");
    RawHttp.Response delete = http.exchange("DELETE", "/v2/keys/nv?noValueOnSuccess=true", null);
    assertThat(delete.body()).startsWith("{\"action\":\"delete\",\"node\":{\"key\":\"/nv\"");
  }

  @Test
  void postCreatesAnInOrderKeyWith201() throws Exception {
    RawHttp.Response r = http.exchange("POST", "/v2/keys/q", "value=1");

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body()).isEqualTo("{\"action\":\"create\",\"node\":{\"key\":\"/q/00000000000000000001\","
        + "\"value\":\"1\",\"modifiedIndex\":1,\"createdIndex\":1}}\n");
  }

  @Test
  void compareAndSwapFailureAnswers412WithEtcdsCause() throws Exception {
    http.exchange("PUT", "/v2/keys/foo", "value=1");
    RawHttp.Response r = http.exchange("PUT", "/v2/keys/foo?prevValue=2", "value=3");

    assertThat(r.status()).isEqualTo(412);
    assertThat(r.body()).isEqualTo("{\"errorCode\":101,\"message\":\"Compare failed\",\"cause\":\"[2 != 1]\",\"index\":1}\n");
  }

  @Test
  void formBodyValueWinsOverQueryValue() throws Exception {
    RawHttp.Response r = http.exchange("PUT", "/v2/keys/foo?value=query", "value=body");

    assertThat(r.body()).contains("\"value\":\"body\"");
  }

  @Test
  void quorumReadWaitsForTheBarrierThenReadsLocally() throws Exception {
    http.exchange("PUT", "/v2/keys/foo", "value=1");
    RawHttp.Response r = http.exchange("GET", "/v2/keys/foo?quorum=true&wait=true", null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).startsWith("{\"action\":\"get\"");
  }

  @Test
  void unavailableBackendAnswersRaftInternalErrorWithItsMessage() throws Exception {
    backend.failProposals("etcdserver: request timed out");
    RawHttp.Response r = http.exchange("PUT", "/v2/keys/foo", "value=1");

    assertThat(r.status()).isEqualTo(500);
    assertThat(r.header("X-Etcd-Index")).isEqualTo("0");
    assertThat(r.body()).isEqualTo(
        "{\"errorCode\":300,\"message\":\"Raft Internal Error\",\"cause\":\"etcdserver: request timed out\",\"index\":0}\n");
    RawHttp.Response q = http.exchange("GET", "/v2/keys/foo?quorum=true", null);
    assertThat(q.status()).isEqualTo(500);
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    StringBuilder batch = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      batch.append(RawHttp.request("PUT", "/v2/keys/k" + i, "value=" + i));
      batch.append(RawHttp.request("GET", "/v2/keys/k" + i, null));
    }
    http.send(batch.toString());

    for (int i = 0; i < 50; i++) {
      RawHttp.Response put = http.read();
      RawHttp.Response get = http.read();
      assertThat(put.status()).isEqualTo(201);
      assertThat(put.body()).contains("\"key\":\"/k" + i + "\"");
      assertThat(get.status()).isEqualTo(200);
      assertThat(get.body()).contains("\"key\":\"/k" + i + "\",\"value\":\"" + i + "\"");
    }
  }

  @Test
  void connectionCloseIsHonouredAfterTheAnswer() throws Exception {
    http.send("PUT /v2/keys/foo HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\nvalue=1");
    RawHttp.Response r = http.read();

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.header("Connection")).isEqualTo("close");
    assertThat(http.closedByServer()).isTrue();
  }

  @Test
  void pathOutsideTheKeysRouteAnswersGo404() throws Exception {
    RawHttp.Response r = http.exchange("GET", "/v2/keysfoo", null);

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("404 page not found\n");
  }

  @Test
  void formBodyOverGosTenMegabyteLimitIsRefusedAsEtcdDoesAndTheConnectionClosed() throws Exception {
    String value = "a".repeat(KeyRequestParser.MAX_FORM_BYTES);
    RawHttp.Response r = http.exchange("PUT", "/v2/keys/big", "value=" + value);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).isEqualTo(
        "{\"errorCode\":210,\"message\":\"Invalid POST form\",\"cause\":\"http: POST too large\",\"index\":0}\n");
    assertThat(r.header("Connection")).isEqualTo("close");
    assertThat(http.closedByServer()).isTrue();
  }

  @Test
  void largeValueUnderTheFormLimitIsStoredAsEtcdDoes() throws Exception {
    String value = "a".repeat(2_000_000);
    RawHttp.Response r = http.exchange("PUT", "/v2/keys/big", "value=" + value);

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body()).contains(value);
  }
}
