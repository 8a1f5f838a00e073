package io.etcdj.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.awaitility.Awaitility.await;

class EtcdClientTest {
  private static TestServer server;
  private static EtcdClient client;

  @BeforeAll static void startServer() {
    server = TestServer.start();
    client = server.client();
  }

  @AfterAll static void stopServer() {
    if (server != null) server.close();
  }

  @Test void setThenGetReturnsTheValueAndIndexes() {
    String key = TestServer.prefix() + "/foo";
    Response set = client.set(key, "bar");
    Response got = client.get(key);

    assertThat(set.action()).isEqualTo("set");
    assertThat(set.prevNode()).isNull();
    assertThat(got.action()).isEqualTo("get");
    assertThat(got.node().key()).isEqualTo(key);
    assertThat(got.node().value()).isEqualTo("bar");
    assertThat(got.node().modifiedIndex()).isEqualTo(set.node().modifiedIndex());
    assertThat(got.etcdIndex()).isGreaterThanOrEqualTo(set.node().modifiedIndex());
  }

  @Test void setOverAnExistingKeyReturnsThePreviousNode() {
    String key = TestServer.prefix() + "/foo";
    client.set(key, "one");
    Response second = client.set(key, "two");
    assertThat(second.prevNode().value()).isEqualTo("one");
    assertThat(second.node().value()).isEqualTo("two");
  }

  @Test void getOfAMissingKeyThrowsKeyNotFound() {
    String dir = TestServer.prefix();
    client.set(dir + "/present", "x"); // etcd names the first missing path segment as the cause
    String key = dir + "/missing";
    assertThatThrownBy(() -> client.get(key))
        .isInstanceOfSatisfying(EtcdException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(100);
          assertThat(e.httpStatus()).isEqualTo(404);
          assertThat(e.errorCause()).isEqualTo(key);
          assertThat(e.getMessage()).startsWith("100: Key not found (" + key + ") [");
        });
  }

  @Test void createFailsWhenTheKeyExists() {
    String key = TestServer.prefix() + "/k";
    assertThat(client.create(key, "v", 0).action()).isEqualTo("create");
    assertThatThrownBy(() -> client.create(key, "w", 0))
        .isInstanceOfSatisfying(EtcdException.class, e -> assertThat(e.errorCode()).isEqualTo(105));
  }

  @Test void updateFailsWhenTheKeyIsMissing() {
    String key = TestServer.prefix() + "/k";
    assertThatThrownBy(() -> client.update(key, "v", 0))
        .isInstanceOfSatisfying(EtcdException.class, e -> assertThat(e.errorCode()).isEqualTo(100));
    client.set(key, "v");
    assertThat(client.update(key, "w", 0).action()).isEqualTo("update");
  }

  @Test void compareAndSwapFailsWhenPrevValueDiffers() {
    String key = TestServer.prefix() + "/k";
    client.set(key, "v");
    assertThatThrownBy(() -> client.compareAndSwap(key, "w", 0, "other", 0))
        .isInstanceOfSatisfying(EtcdException.class, e -> assertThat(e.errorCode()).isEqualTo(101));
    assertThat(client.compareAndSwap(key, "w", 0, "v", 0).action()).isEqualTo("compareAndSwap");
  }

  @Test void compareAndSwapFailsWhenPrevIndexIsStale() {
    String key = TestServer.prefix() + "/k";
    long first = client.set(key, "v").node().modifiedIndex();
    client.set(key, "w");
    assertThatThrownBy(() -> client.compareAndSwap(key, "x", 0, null, first))
        .isInstanceOfSatisfying(EtcdException.class, e -> assertThat(e.errorCode()).isEqualTo(101));
  }

  @Test void deleteReturnsThePreviousValue() {
    String key = TestServer.prefix() + "/k";
    client.set(key, "v");
    Response deleted = client.delete(key);
    assertThat(deleted.action()).isEqualTo("delete");
    assertThat(deleted.prevNode().value()).isEqualTo("v");
    assertThatThrownBy(() -> client.get(key)).isInstanceOf(EtcdException.class);
  }

  @Test void compareAndDeleteFailsWhenPrevValueDiffers() {
    String key = TestServer.prefix() + "/k";
    client.set(key, "v");
    assertThatThrownBy(() -> client.compareAndDelete(key, "other", 0))
        .isInstanceOfSatisfying(EtcdException.class, e -> assertThat(e.errorCode()).isEqualTo(101));
    assertThat(client.compareAndDelete(key, "v", 0).action()).isEqualTo("compareAndDelete");
  }

  @Test void mkdirCreatesADirectoryListedByARecursiveSortedGet() {
    String dir = TestServer.prefix() + "/d";
    client.mkdir(dir, 0);
    client.set(dir + "/b", "2");
    client.set(dir + "/a", "1");
    client.mkdir(dir + "/sub", 0);
    client.set(dir + "/sub/c", "3");

    Node node = client.get(dir, true, true, false).node();

    assertThat(node.dir()).isTrue();
    assertThat(node.nodes()).extracting(Node::key)
        .containsExactly(dir + "/a", dir + "/b", dir + "/sub");
    assertThat(node.nodes().get(2).nodes()).extracting(Node::value).containsExactly("3");
  }

  @Test void deletingANonEmptyDirectoryNeedsRecursive() {
    String dir = TestServer.prefix() + "/d";
    client.set(dir + "/a", "1");
    assertThatThrownBy(() -> client.delete(dir, true, false))
        .isInstanceOfSatisfying(EtcdException.class, e -> assertThat(e.errorCode()).isEqualTo(108));
    assertThat(client.delete(dir, true, true).node().dir()).isTrue();
  }

  @Test void quorumGetReadsTheLatestWrite() {
    String key = TestServer.prefix() + "/k";
    client.set(key, "v");
    assertThat(client.get(key, false, false, true).node().value()).isEqualTo("v");
  }

  @Test void ttlIsShownAndRefreshKeepsTheValue() {
    String key = TestServer.prefix() + "/k";
    Response set = client.set(key, "v", 100);
    assertThat(set.node().ttl()).isBetween(99L, 100L);
    assertThat(set.node().expiration()).isNotNull();

    Response refreshed = client.refresh(key, 200);
    assertThat(refreshed.node().value()).isEqualTo("v");
    assertThat(refreshed.node().ttl()).isBetween(199L, 200L);
  }

  @Test void createInOrderKeysSortByCreation() {
    String dir = TestServer.prefix() + "/queue";
    Response first = client.createInOrder(dir, "a", 0);
    Response second = client.createInOrder(dir, "b", 0);
    assertThat(first.action()).isEqualTo("create");
    assertThat(first.node().key()).startsWith(dir + "/");
    List<Node> listed = client.get(dir, false, true, false).node().nodes();
    assertThat(listed).extracting(Node::value).containsExactly("a", "b");
    assertThat(second.node().createdIndex()).isGreaterThan(first.node().createdIndex());
  }

  @Test void keysWithSpacesAndUnicodeRoundTrip() {
    String key = TestServer.prefix() + "/a key/ünï";
    client.set(key, "v w&x=y");
    Response got = client.get(key);
    assertThat(got.node().key()).isEqualTo(key);
    assertThat(got.node().value()).isEqualTo("v w&x=y");
  }

  @Test void watchCompletesWithTheNextChange() throws Exception {
    String key = TestServer.prefix() + "/k";
    long index = client.set(key, "v0").node().modifiedIndex();
    CompletableFuture<Response> watch = client.watch(key, index + 1, false);
    Response set = client.set(key, "v1");

    Response event = watch.get(10, TimeUnit.SECONDS);
    assertThat(event.action()).isEqualTo("set");
    assertThat(event.node().value()).isEqualTo("v1");
    assertThat(event.node().modifiedIndex()).isEqualTo(set.node().modifiedIndex());
  }

  @Test void watchWithAPastIndexAnswersFromHistory() throws Exception {
    String key = TestServer.prefix() + "/k";
    long index = client.set(key, "v0").node().modifiedIndex();
    client.set(key, "v1");
    Response event = client.watch(key, index, false).get(10, TimeUnit.SECONDS);
    assertThat(event.node().value()).isEqualTo("v0");
    assertThat(event.node().modifiedIndex()).isEqualTo(index);
  }

  @Test void recursiveWatchSeesChildChanges() throws Exception {
    String dir = TestServer.prefix() + "/d";
    long index = client.mkdir(dir, 0).node().modifiedIndex();
    CompletableFuture<Response> watch = client.watch(dir, index + 1, true);
    client.set(dir + "/child", "x");
    assertThat(watch.get(10, TimeUnit.SECONDS).node().key()).isEqualTo(dir + "/child");
  }

  @Test void streamWatchDeliversEveryEventInOrder() throws Exception {
    String dir = TestServer.prefix() + "/s";
    client.mkdir(dir, 0);
    List<Response> events = new CopyOnWriteArrayList<>();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    try (WatchStream stream = client.streamWatch(dir, 0, true, new StreamWatchListener() {
      @Override public void onEvent(Response event) { events.add(event); }
      @Override public void onError(Throwable error) { errors.add(error); }
    })) {
      stream.started().get(10, TimeUnit.SECONDS);
      for (int i = 0; i < 5; i++) client.set(dir + "/k" + i, Integer.toString(i));
      await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 5 || !errors.isEmpty());
    }
    assertThat(errors).isEmpty();
    assertThat(events).extracting(r -> r.node().value()).containsExactly("0", "1", "2", "3", "4");
  }

  @Test void aCancelledWatchCompletesAsCancelledAndTheClientStaysUsable() {
    String key = TestServer.prefix() + "/k";
    CompletableFuture<Response> watch = client.watch(key, 0, false);
    assertThat(watch.cancel(true)).isTrue();
    assertThat(watch).isCancelled();
    client.set(key, "v");
    assertThat(client.get(key).node().value()).isEqualTo("v");
  }

  @Test void membersListsTheServerWithItsClientUrl() {
    List<Member> members = client.members();
    assertThat(members).hasSize(1);
    assertThat(members.get(0).id()).isNotEmpty();
    assertThat(client.leader().id()).isEqualTo(members.get(0).id());
  }

  @Test void versionAndHealthAnswer() {
    assertThat(client.version().server()).isNotBlank();
    assertThat(client.health().healthy()).isTrue();
    assertThat(client.health(server.endpoint()).healthy()).isTrue();
  }
}
