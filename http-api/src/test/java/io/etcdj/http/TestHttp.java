package io.etcdj.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny HTTP/1.1 client for tests against a running member. */
final class TestHttp {
  private final HttpClient client;
  private final URI base;

  TestHttp(URI base) {
    this.base = base;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Over https, trusting and presenting what {@code tls} holds. */
  TestHttp(URI base, javax.net.ssl.SSLContext tls) {
    this.base = base;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).sslContext(tls).build();
  }

  HttpResponse<String> get(String path) { return send("GET", path, null, null); }

  HttpResponse<String> put(String path, String form) {
    return send("PUT", path, form, "application/x-www-form-urlencoded");
  }

  HttpResponse<String> send(String method, String path, String body, String contentType) {
    return send(method, path, body, contentType, new String[0]);
  }

  /** {@code headers}: name, value, name, value... */
  HttpResponse<String> send(String method, String path, String body, String contentType, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
