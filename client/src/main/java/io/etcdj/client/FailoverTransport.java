package io.etcdj.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Sends a request to one endpoint and, when the connection cannot be made, to the next, starting
 * from the last endpoint that answered. Only connection failures fail over: the request never
 * reached a server, so even a write is safe to send again. Thread-safe.
 */
final class FailoverTransport {
  private final List<URI> endpoints;
  private final HttpClient http;
  /** Index of the endpoint that answered last; racy updates are harmless (any answer is a good guess). */
  private final AtomicInteger preferred = new AtomicInteger();

  FailoverTransport(List<URI> endpoints, HttpClient http) {
    if (endpoints.isEmpty()) throw new IllegalArgumentException("at least one endpoint is required");
    this.endpoints = List.copyOf(endpoints);
    this.http = http;
  }

  List<URI> endpoints() { return endpoints; }

  /**
   * Sends {@code build(endpoint)} with {@code handler}; completes exceptionally with
   * {@link ClusterUnavailableException} when no endpoint could be reached.
   */
  <T> CompletableFuture<HttpResponse<T>> send(Function<URI, HttpRequest> build,
                                              HttpResponse.BodyHandler<T> handler) {
    int first = preferred.get();
    // the exchange in flight, so that cancelling the returned future aborts it (a long-poll
    // watch would otherwise hold its connection until the server answers)
    AtomicReference<CompletableFuture<?>> inFlight = new AtomicReference<>();
    CompletableFuture<HttpResponse<T>> chain = attempt(build, handler, first, 0, new ArrayList<>(), inFlight);
    // a plain future at the boundary: the HTTP client's own futures cancel differently
    CompletableFuture<HttpResponse<T>> result = new CompletableFuture<>();
    chain.whenComplete((r, failure) -> {
      if (failure != null) {
        result.completeExceptionally(unwrap(failure));
      } else {
        result.complete(r);
      }
    });
    result.whenComplete((r, failure) -> {
      CompletableFuture<?> exchange = inFlight.get();
      if (result.isCancelled() && exchange != null) exchange.cancel(true);
    });
    return result;
  }

  private <T> CompletableFuture<HttpResponse<T>> attempt(Function<URI, HttpRequest> build,
      HttpResponse.BodyHandler<T> handler, int first, int tried, List<String> errors,
      AtomicReference<CompletableFuture<?>> inFlight) {
    int at = (first + tried) % endpoints.size();
    URI endpoint = endpoints.get(at);
    CompletableFuture<HttpResponse<T>> exchange = http.sendAsync(build.apply(endpoint), handler);
    inFlight.set(exchange);
    return exchange
        .handle((response, failure) -> {
          if (failure == null) {
            preferred.set(at);
            return CompletableFuture.completedFuture(response);
          }
          Throwable cause = unwrap(failure);
          errors.add(describe(endpoint, cause));
          if (isConnectionFailure(cause) && tried + 1 < endpoints.size()) {
            return attempt(build, handler, first, tried + 1, errors, inFlight);
          }
          return CompletableFuture.<HttpResponse<T>>failedFuture(
              new ClusterUnavailableException(errors, cause));
        })
        .thenCompose(Function.identity());
  }

  static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
    return t;
  }

  private static boolean isConnectionFailure(Throwable t) {
    return t instanceof ConnectException || t instanceof HttpConnectTimeoutException
        || t instanceof ClosedChannelException
        || (t instanceof IOException && t.getCause() instanceof ConnectException);
  }

  private static String describe(URI endpoint, Throwable t) {
    String what = t instanceof ConnectException ? "connect: connection refused"
        : t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return "dial tcp " + endpoint.getHost() + ":" + endpoint.getPort() + ": " + what;
  }
}
