package io.etcdj.http;

import io.etcdj.http.auth.AuthAnswer;
import io.etcdj.http.auth.AuthGate;
import io.etcdj.http.auth.AuthService;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * /v2/auth as etcd 3.4's authHandler routes it: the method check (405), then the access check
 * (401 {@code {"message":"Insufficient credentials"}}, root only once auth is on; GET
 * /v2/auth/enable open to all), then {@link AuthService}. Reads are answered on the event loop
 * (or the gate's bcrypt thread that judged the credentials); changes (bcrypt, Raft commits) run
 * on one auth thread, one at a time, and answer when done.
 */
final class AuthEndpoint {
  static final String PREFIX = "/v2/auth";
  private final String clusterIdHex;
  private final AuthGate gate;
  private final AuthService service;
  /** The auth thread: started on the first change, gone after a minute without one. */
  private final Executor changes;

  AuthEndpoint(String clusterIdHex, AuthGate gate, AuthService service) {
    this.clusterIdHex = clusterIdHex;
    this.gate = gate;
    this.service = service;
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "etcdj-auth");
      t.setDaemon(true);
      return t;
    });
    pool.allowCoreThreadTimeOut(true);
    this.changes = pool;
  }

  /** Whether {@code path} is one of etcd's auth routes (anything else under /v2/auth is Go's 404). */
  static boolean routes(String rawPath) {
    String path = decoded(rawPath);
    return path.equals(PREFIX + "/enable") || path.equals(PREFIX + "/users") || path.equals(PREFIX + "/roles")
        || path.startsWith(PREFIX + "/users/") || path.startsWith(PREFIX + "/roles/");
  }

  /**
   * Event loop. Reads what it needs of {@code request} before returning (the caller releases it).
   * Credentials the gate has no verdict on are judged on its bcrypt threads first.
   */
  CompletableFuture<FullHttpResponse> handle(FullHttpRequest request, String rawPath) {
    String path = decoded(rawPath);
    String method = request.method().name();
    HttpHeaders headers = request.headers();
    byte[] body = method.equals("PUT") ? ByteBufUtil.getBytes(request.content()) : new byte[0];
    if (gate.mustJudgeCredentials(headers)) {
      return gate.judgeCredentials(headers).thenCompose(judged -> route(method, headers, body, path));
    }
    return route(method, headers, body, path);
  }

  private CompletableFuture<FullHttpResponse> route(String method, HttpHeaders headers, byte[] body, String path) {
    if (path.equals(PREFIX + "/enable")) {
      if (!method.equals("GET") && !method.equals("PUT") && !method.equals("DELETE")) {
        return done(HttpResponses.methodNotAllowed("GET,PUT,DELETE"));
      }
      if (!gate.writeRootAccess(method, headers)) {
        return done(noAuth());
      }
      return switch (method) {
        case "GET" -> done(json(service.enabled()));
        case "PUT" -> later(service::enable);
        default -> later(service::disable);
      };
    }
    boolean users = path.startsWith(PREFIX + "/users");
    String rest = path.substring((PREFIX + (users ? "/users" : "/roles")).length());
    if (rest.isEmpty() || rest.equals("/")) {
      if (!method.equals("GET")) {
        return done(HttpResponses.methodNotAllowed("GET"));
      }
      if (!gate.rootAccess(headers)) {
        return done(noAuth());
      }
      return done(json(users ? service.allUsers() : service.allRoles()));
    }
    String name = rest.substring(1);
    if (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1); // Go's path.Clean before the split
    }
    if (name.contains("/")) {
      return done(HttpResponses.jsonError(HttpResponseStatus.BAD_REQUEST, "Invalid path"));
    }
    if (!method.equals("GET") && !method.equals("PUT") && !method.equals("DELETE")) {
      return done(HttpResponses.methodNotAllowed("GET,PUT,DELETE"));
    }
    if (!gate.rootAccess(headers)) {
      return done(noAuth());
    }
    String target = name;
    return switch (method) {
      case "GET" -> done(json(users ? service.user(target) : service.role(target)));
      case "PUT" -> later(() -> users ? service.putUser(target, body) : service.putRole(target, body));
      default -> later(() -> users ? service.deleteUser(target) : service.deleteRole(target));
    };
  }

  /**
   * The path as Go's URL.Path has it (percent escapes decoded, '+' kept): etcd routes on it and
   * takes the user or role name from it. An escape Go would refuse is left as it is.
   */
  static String decoded(String rawPath) {
    if (rawPath.indexOf('%') < 0) {
      return rawPath;
    }
    try {
      return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return rawPath;
    }
  }

  private CompletableFuture<FullHttpResponse> later(Supplier<AuthAnswer> change) {
    return CompletableFuture.supplyAsync(change, changes).thenApply(this::json);
  }

  private static CompletableFuture<FullHttpResponse> done(FullHttpResponse response) {
    return CompletableFuture.completedFuture(response);
  }

  /** etcd's writeNoAuth: before the handler sets its headers, so no X-Etcd-Cluster-Id. */
  private static FullHttpResponse noAuth() {
    return HttpResponses.jsonError(HttpResponseStatus.UNAUTHORIZED, "Insufficient credentials");
  }

  private FullHttpResponse json(AuthAnswer answer) {
    FullHttpResponse response = HttpResponses.response(answer.status(), HttpResponses.JSON, answer.body());
    response.headers().set(HttpResponses.CLUSTER_ID, clusterIdHex);
    return response;
  }
}
