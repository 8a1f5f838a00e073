package io.etcdj.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.etcdj.server.ServerV2;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** /version, /health and /metrics as etcd 3.4 serves them. */
final class InfoEndpoints {
  static final String SERVER_VERSION = "3.4.23";
  static final String CLUSTER_VERSION = "3.4.0";
  private static final byte[] VERSION_BODY = ("{\"etcdserver\":\"" + SERVER_VERSION + "\",\"etcdcluster\":\""
      + CLUSTER_VERSION + "\"}").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private final ServerV2 server;

  InfoEndpoints(ServerV2 server) { this.server = server; }

  FullHttpResponse version(FullHttpRequest request) {
    if (!request.method().equals(HttpMethod.GET)) {
      return HttpResponses.methodNotAllowed("GET");
    }
    return HttpResponses.response(HttpResponseStatus.OK, HttpResponses.JSON, VERSION_BODY);
  }

  /**
   * etcd 3.4's /config/local/log: PUT {"Level":"debug"} sets the log level (capnslog's names
   * mapped onto Logback's).
   */
  FullHttpResponse logLevel(FullHttpRequest request) {
    if (!request.method().equals(HttpMethod.PUT)) {
      return HttpResponses.methodNotAllowed("PUT");
    }
    String level;
    try {
      level = new com.fasterxml.jackson.databind.ObjectMapper().readTree(request.content().toString(java.nio.charset.StandardCharsets.UTF_8))
          .path("Level").asText("");
    } catch (java.io.IOException | RuntimeException e) {
      return HttpResponses.jsonError(HttpResponseStatus.BAD_REQUEST, "Invalid json body");
    }
    ch.qos.logback.classic.Level logback = switch (level.toUpperCase(java.util.Locale.ROOT)) {
      case "CRITICAL", "C", "ERROR", "E" -> ch.qos.logback.classic.Level.ERROR;
      case "WARNING", "W" -> ch.qos.logback.classic.Level.WARN;
      case "NOTICE", "N", "INFO", "I" -> ch.qos.logback.classic.Level.INFO;
      case "DEBUG", "D" -> ch.qos.logback.classic.Level.DEBUG;
      case "TRACE", "T" -> ch.qos.logback.classic.Level.TRACE;
      default -> null;
    };
    if (logback == null) {
      return HttpResponses.jsonError(HttpResponseStatus.BAD_REQUEST, "Invalid log level " + level);
    }
    if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(logback);
    }
    return HttpResponses.response(HttpResponseStatus.NO_CONTENT, null, new byte[0]);
  }

  /** Any method, as promhttp's handler. */
  FullHttpResponse metrics(FullHttpRequest request) {
    return HttpResponses.response(HttpResponseStatus.OK, PROMETHEUS_TEXT, server.metrics().scrape());
  }

  /**
   * etcd's checkHealth: a leader must be known and a QGET must go through the log within a
   * second (so, as in etcd, each health check moves X-Raft-Index by one).
   */
  CompletableFuture<FullHttpResponse> health(FullHttpRequest request, ChannelHandlerContext ctx) {
    if (!request.method().equals(HttpMethod.GET)) {
      return CompletableFuture.completedFuture(HttpResponses.methodNotAllowed("GET"));
    }
    if (server.status().leaderId() == 0) {
      return CompletableFuture.completedFuture(unhealthy());
    }
    return server.logBarrier(Duration.ofSeconds(1)).handle((ok, error) -> error == null
        ? HttpResponses.response(HttpResponseStatus.OK, HttpResponses.TEXT, "{\"health\":\"true\"}")
        : unhealthy());
  }

  private static FullHttpResponse unhealthy() {
    return HttpResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "{\"health\":\"false\"}");
  }
}
