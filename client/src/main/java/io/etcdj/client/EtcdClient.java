package io.etcdj.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A client of etcd's v2 keys API (etcd or etcdj). Thread-safe; one instance is meant to be shared.
 * Blocking methods throw {@link EtcdException} for an error the server answered and
 * {@link ClusterUnavailableException} when no endpoint answered. A TTL of 0 means "no TTL".
 */
public final class EtcdClient implements AutoCloseable {
  private static final String FORM = "application/x-www-form-urlencoded";

  private final FailoverTransport transport;
  private final Duration timeout;
  private final HttpClient http;
  private final ResponseDecoder decoder = new ResponseDecoder();

  private EtcdClient(List<URI> endpoints, Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    this.transport = new FailoverTransport(endpoints, http);
  }

  public static Builder builder() { return new Builder(); }

  /** A client of {@code endpoints} (e.g. "http://127.0.0.1:2379") with the default 5 s timeout. */
  public static EtcdClient of(String... endpoints) { return builder().endpoints(endpoints).build(); }

  public List<URI> endpoints() { return transport.endpoints(); }

  // ---- reads -------------------------------------------------------------------------------

  public Response get(String key) { return get(key, false, false, false); }

  public Response get(String key, boolean recursive, boolean sorted, boolean quorum) {
    KeysQuery q = new KeysQuery()
        .addIf(recursive, "recursive", "true")
        .addIf(sorted, "sorted", "true")
        .addIf(quorum, "quorum", "true");
    return keys("GET", key, q, false);
  }

  // ---- writes ------------------------------------------------------------------------------

  public Response set(String key, String value) { return set(key, value, 0); }

  public Response set(String key, String value, long ttlSeconds) {
    return keys("PUT", key, new KeysQuery().add("value", value).ttl(ttlSeconds), true);
  }

  /** Sets {@code key} only if it does not exist (prevExist=false): error 105 otherwise. */
  public Response create(String key, String value, long ttlSeconds) {
    return keys("PUT", key, new KeysQuery().add("value", value).ttl(ttlSeconds)
        .add("prevExist", "false"), true);
  }

  /** Sets {@code key} only if it exists (prevExist=true): error 100 otherwise. */
  public Response update(String key, String value, long ttlSeconds) {
    return keys("PUT", key, new KeysQuery().add("value", value).ttl(ttlSeconds)
        .add("prevExist", "true"), true);
  }

  /**
   * Sets {@code key} only if its value is {@code prevValue} (null: not compared) and its
   * modifiedIndex is {@code prevIndex} (0: not compared). Error 101 when a comparison fails.
   */
  public Response compareAndSwap(String key, String value, long ttlSeconds, String prevValue,
                                 long prevIndex) {
    KeysQuery q = new KeysQuery().add("value", value).ttl(ttlSeconds)
        .addIf(prevValue != null, "prevValue", prevValue)
        .addIf(prevIndex > 0, "prevIndex", Long.toString(prevIndex));
    return keys("PUT", key, q, true);
  }

  /** Resets the TTL of an existing key without changing its value and without a watch event. */
  public Response refresh(String key, long ttlSeconds) {
    KeysQuery q = new KeysQuery().add("ttl", Long.toString(ttlSeconds))
        .add("refresh", "true").add("prevExist", "true");
    return keys("PUT", key, q, true);
  }

  /** Creates a directory; error 105 if the key exists. */
  public Response mkdir(String key, long ttlSeconds) {
    return keys("PUT", key, new KeysQuery().add("dir", "true").ttl(ttlSeconds)
        .add("prevExist", "false"), true);
  }

  /** Creates a directory or updates an existing directory's TTL (etcdctl setdir). */
  public Response setDir(String key, long ttlSeconds) {
    return keys("PUT", key, new KeysQuery().add("dir", "true").ttl(ttlSeconds), true);
  }

  /** Updates an existing directory's TTL (etcdctl updatedir); error 100 if it does not exist. */
  public Response updateDir(String key, long ttlSeconds) {
    return keys("PUT", key, new KeysQuery().add("dir", "true").ttl(ttlSeconds)
        .add("prevExist", "true"), true);
  }

  /** POST: creates a key under directory {@code dir} named after the new index. */
  public Response createInOrder(String dir, String value, long ttlSeconds) {
    return keys("POST", dir, new KeysQuery().add("value", value).ttl(ttlSeconds), true);
  }

  public Response delete(String key) { return delete(key, false, false); }

  /** Deletes a key; {@code dir} allows an empty directory, {@code recursive} any directory. */
  public Response delete(String key, boolean dir, boolean recursive) {
    KeysQuery q = new KeysQuery().addIf(dir, "dir", "true").addIf(recursive, "recursive", "true");
    return keys("DELETE", key, q, false);
  }

  /** Deletes {@code key} only if value and/or index match (null / 0: not compared). */
  public Response compareAndDelete(String key, String prevValue, long prevIndex) {
    KeysQuery q = new KeysQuery()
        .addIf(prevValue != null, "prevValue", prevValue)
        .addIf(prevIndex > 0, "prevIndex", Long.toString(prevIndex));
    return keys("DELETE", key, q, false);
  }

  // ---- watches -----------------------------------------------------------------------------

  /**
   * A long-poll watch: completes with the first event at or after {@code waitIndex} (0: the next
   * event) on {@code key} (or under it when {@code recursive}). It has no timeout; cancel the
   * future to stop waiting. Completes exceptionally with EtcdException (e.g. 401 when
   * {@code waitIndex} has fallen out of the server's history).
   */
  public CompletableFuture<Response> watch(String key, long waitIndex, boolean recursive) {
    KeysQuery q = watchQuery(waitIndex, recursive, false);
    String path = q.appendTo(KeysQuery.keysPath(key));
    CompletableFuture<HttpResponse<byte[]>> sent = transport.send(
        endpoint -> HttpRequest.newBuilder(endpoint.resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    CompletableFuture<Response> event = new CompletableFuture<>();
    sent.whenComplete((r, failure) -> {
      if (failure != null) {
        event.completeExceptionally(FailoverTransport.unwrap(failure));
        return;
      }
      try {
        event.complete(decoder.keys(r.statusCode(), r.headers(), r.body()));
      } catch (RuntimeException e) {
        event.completeExceptionally(e);
      }
    });
    event.whenComplete((r, failure) -> {
      if (event.isCancelled()) sent.cancel(true);
    });
    return event;
  }

  /**
   * A stream watch (stream=true): every event on {@code key} from {@code waitIndex} (0: from now)
   * goes to {@code listener} until the returned handle is closed or the server ends the stream.
   */
  public WatchStream streamWatch(String key, long waitIndex, boolean recursive,
                                 StreamWatchListener listener) {
    KeysQuery q = watchQuery(waitIndex, recursive, true);
    String path = q.appendTo(KeysQuery.keysPath(key));
    AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    EventLineSubscriber lines = new EventLineSubscriber(decoder, listener, subscription);
    CompletableFuture<Void> started = new CompletableFuture<>();
    HttpResponse.BodyHandler<Void> handler = info -> {
      if (info.statusCode() / 100 == 2) {
        started.complete(null);
        return HttpResponse.BodySubscribers.fromLineSubscriber(lines);
      }
      return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(), body -> {
        EtcdException error = decoder.error(info.statusCode(), info.headers(), body);
        started.completeExceptionally(error);
        listener.onError(error);
        return null;
      });
    };
    CompletableFuture<HttpResponse<Void>> sent = transport.send(
        endpoint -> HttpRequest.newBuilder(endpoint.resolve(path)).GET().build(), handler);
    sent.whenComplete((r, failure) -> {
      if (failure != null) {
        Throwable cause = FailoverTransport.unwrap(failure);
        started.completeExceptionally(cause);
        if (!lines.closed()) listener.onError(cause);
      }
    });
    return new WatchStream() {
      @Override public CompletableFuture<Void> started() { return started; }

      @Override public void close() {
        lines.close();
        Flow.Subscription s = subscription.get();
        if (s != null) s.cancel();
        sent.cancel(true);
      }
    };
  }

  private static KeysQuery watchQuery(long waitIndex, boolean recursive, boolean stream) {
    return new KeysQuery().add("wait", "true")
        .addIf(waitIndex > 0, "waitIndex", Long.toString(waitIndex))
        .addIf(recursive, "recursive", "true")
        .addIf(stream, "stream", "true");
  }

  // ---- cluster -----------------------------------------------------------------------------

  public List<Member> members() {
    HttpResponse<byte[]> r = call("GET", "/v2/members", null);
    return decoder.members(r.statusCode(), r.headers(), r.body());
  }

  /** The member the server believes leads (GET /v2/members/leader). */
  public Member leader() {
    HttpResponse<byte[]> r = call("GET", "/v2/members/leader", null);
    return decoder.value(r.statusCode(), r.headers(), r.body(), Member.class);
  }

  public Version version() {
    HttpResponse<byte[]> r = call("GET", "/version", null);
    return decoder.value(r.statusCode(), r.headers(), r.body(), Version.class);
  }

  /** GET /health of the endpoint that answers (with failover). */
  public Health health() {
    AtomicReference<URI> used = new AtomicReference<>();
    HttpResponse<byte[]> r = join(transport.send(endpoint -> {
      used.set(endpoint);
      return HttpRequest.newBuilder(endpoint.resolve("/health")).timeout(timeout).GET().build();
    }, HttpResponse.BodyHandlers.ofByteArray()));
    return new Health(used.get().toString(), decoder.healthy(r.statusCode(), r.body()));
  }

  /**
   * GET {@code url}/health of one given URL, without failover. Throws
   * {@link ClusterUnavailableException} when the URL cannot be reached.
   */
  public Health health(URI url) {
    String base = url.toString().endsWith("/") ? url.toString() : url + "/";
    FailoverTransport single = new FailoverTransport(List.of(URI.create(base)), http);
    HttpResponse<byte[]> r = join(single.send(
        endpoint -> HttpRequest.newBuilder(endpoint.resolve("health")).timeout(timeout).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray()));
    return new Health(url.toString(), decoder.healthy(r.statusCode(), r.body()));
  }

  @Override public void close() {
    // java.net.http.HttpClient (Java 17) has no close: its threads end once it is unreachable.
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private Response keys(String method, String key, KeysQuery q, boolean form) {
    String path = KeysQuery.keysPath(key);
    HttpResponse<byte[]> r = form ? call(method, path, q.encoded()) : call(method, q.appendTo(path), null);
    return decoder.keys(r.statusCode(), r.headers(), r.body());
  }

  private HttpResponse<byte[]> call(String method, String pathAndQuery, String formBody) {
    return join(transport.send(endpoint -> {
      HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve(pathAndQuery)).timeout(timeout);
      if (formBody != null) {
        b.header("Content-Type", FORM)
            .method(method, HttpRequest.BodyPublishers.ofString(formBody, StandardCharsets.UTF_8));
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
      return b.build();
    }, HttpResponse.BodyHandlers.ofByteArray()));
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterUnavailableException(List.of("interrupted"), e);
    } catch (ExecutionException e) {
      Throwable cause = FailoverTransport.unwrap(e.getCause());
      if (cause instanceof RuntimeException re) throw re;
      throw new CompletionException(cause);
    }
  }

  /** Configures an {@link EtcdClient}. Not thread-safe. */
  public static final class Builder {
    private final List<URI> endpoints = new ArrayList<>();
    private Duration timeout = Duration.ofSeconds(5);

    private Builder() {}

    public Builder endpoints(String... urls) {
      for (String u : urls) {
        for (String part : u.split(",")) {
          if (!part.isBlank()) endpoints.add(URI.create(part.trim()));
        }
      }
      return this;
    }

    public Builder endpoints(List<URI> urls) {
      endpoints.addAll(urls);
      return this;
    }

    /** Connect timeout and per-request timeout of everything but watches. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout);
      return this;
    }

    public EtcdClient build() {
      if (endpoints.isEmpty()) endpoints.add(URI.create("http://127.0.0.1:2379"));
      return new EtcdClient(endpoints, timeout);
    }
  }
}
