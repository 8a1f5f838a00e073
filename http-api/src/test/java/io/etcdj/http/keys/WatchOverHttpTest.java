package io.etcdj.http.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreCommand;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** wait=true through real HTTP/1.1: long polls, streams, history, 401, client departure. */
class WatchOverHttpTest {
  private final ExecutorService applyThread = Executors.newSingleThreadExecutor();
  private Store store;
  private KeysTestServer server;
  private RawHttp watcher;
  private RawHttp writer;

  @BeforeEach
  void start() throws Exception {
    store = Store.etcdV2(1000);
    server = new KeysTestServer(new KeysEndpoint(new DirectBackend(store, applyThread)));
    watcher = new RawHttp(server.port());
    writer = new RawHttp(server.port());
  }

  @AfterEach
  void stop() throws Exception {
    watcher.close();
    writer.close();
    server.close();
    applyThread.shutdownNow();
  }

  @Test
  void longPollSendsHeadersAtOnceThenTheEventThenEndsKeepingTheConnection() throws Exception {
    writer.exchange("PUT", "/v2/keys/other", "value=0");
    watcher.send(RawHttp.request("GET", "/v2/keys/foo?wait=true", null));
    RawHttp.Response head = watcher.readHead();

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Transfer-Encoding")).isEqualTo("chunked");
    assertThat(head.header("X-Etcd-Index")).isEqualTo("1");
    assertThat(head.header("Content-Type")).isEqualTo("application/json");
    awaitWatchers(1);

    writer.exchange("PUT", "/v2/keys/foo", "value=1");
    assertThat(watcher.readChunk()).isEqualTo(
        "{\"action\":\"set\",\"node\":{\"key\":\"/foo\",\"value\":\"1\",\"modifiedIndex\":2,\"createdIndex\":2}}\n");
    assertThat(watcher.readChunk()).isNull();
    assertThat(watcher.exchange("GET", "/v2/keys/foo", null).status()).isEqualTo(200);
  }

  @Test
  void streamSendsEveryEventAsItsOwnChunkAndStaysOpen() throws Exception {
    watcher.send(RawHttp.request("GET", "/v2/keys/dir?wait=true&stream=true&recursive=true", null));
    watcher.readHead();
    awaitWatchers(1);

    for (int i = 1; i <= 3; i++) {
      writer.exchange("PUT", "/v2/keys/dir/k" + i, "value=" + i);
    }
    for (int i = 1; i <= 3; i++) {
      assertThat(watcher.readChunk()).contains("\"key\":\"/dir/k" + i + "\"");
    }
    assertThat(store.stats().watchers()).isEqualTo(1);
  }

  @Test
  void watchFromAnIndexInHistoryAnswersAtOnce() throws Exception {
    writer.exchange("PUT", "/v2/keys/foo", "value=1");
    writer.exchange("PUT", "/v2/keys/foo", "value=2");

    RawHttp.Response r = watcher.exchange("GET", "/v2/keys/foo?wait=true&waitIndex=2", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.chunks()).hasSize(1);
    assertThat(r.body()).contains("\"value\":\"2\"").contains("\"prevNode\"");
  }

  @Test
  void watchFromAClearedIndexAnswersEtcds401() throws Exception {
    for (int i = 0; i < 1010; i++) {
      store.apply(new StoreCommand.Put("/1/h", "v" + i, false, 0, false, StoreCommand.PrevExist.UNSET, "", 0, 1));
    }
    RawHttp.Response r = watcher.exchange("GET", "/v2/keys/foo?wait=true&waitIndex=2", null);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("X-Etcd-Index")).isEqualTo("1010");
    assertThat(r.body()).isEqualTo("{\"errorCode\":401,\"message\":\"The event in requested index is outdated and "
        + "cleared\",\"cause\":\"the requested history has been cleared [11/2]\",\"index\":1010}\n");
  }

  @Test
  void clientClosingTheConnectionCancelsTheWatcher() throws Exception {
    watcher.send(RawHttp.request("GET", "/v2/keys/foo?wait=true&stream=true", null));
    watcher.readHead();
    awaitWatchers(1);

    watcher.close();
    awaitWatchers(0);
  }

  @Test
  void requestPipelinedBehindALongPollIsServedAfterIt() throws Exception {
    watcher.send(RawHttp.request("GET", "/v2/keys/foo?wait=true", null)
        + RawHttp.request("GET", "/v2/keys/foo", null));
    watcher.readHead();
    awaitWatchers(1);

    writer.exchange("PUT", "/v2/keys/foo", "value=1");
    assertThat(watcher.readChunk()).contains("\"value\":\"1\"");
    assertThat(watcher.readChunk()).isNull();
    RawHttp.Response get = watcher.read();
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.body()).startsWith("{\"action\":\"get\"");
  }

  @Test
  void http10WatchSendsTheEventUnchunkedAndEndsByClosing() throws Exception {
    writer.exchange("PUT", "/v2/keys/foo", "value=1");
    watcher.send("GET /v2/keys/foo?wait=true&waitIndex=1 HTTP/1.0\r\n\r\n");
    RawHttp.Response r = watcher.read();

    assertThat(r.statusLine()).isEqualTo("HTTP/1.0 200 OK");
    assertThat(r.header("Transfer-Encoding")).isNull();
    assertThat(r.body()).startsWith("{\"action\":\"set\"");
  }

  private void awaitWatchers(long n) {
    await().until(() -> store.stats().watchers() == n);
  }
}
