package io.etcdj.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * /v2/auth as etcd 3.4 answers it while v2 auth is disabled and no user exists (etcdj has no v2
 * auth store): reads show the disabled state and etcd's built-in root role; changes that need a
 * user or role answer etcd's errors for a store without users, and user/role writes are refused.
 */
final class AuthEndpoint {
  static final String PREFIX = "/v2/auth";
  private static final String ROOT_ROLE = "{\"role\":\"root\",\"permissions\":{\"kv\":{\"read\":[\"/*\"],\"write\":[\"/*\"]}}}";
  private final String clusterIdHex;

  AuthEndpoint(String clusterIdHex) { this.clusterIdHex = clusterIdHex; }

  /** Whether {@code path} is one of etcd's auth routes (anything else under /v2/auth is Go's 404). */
  static boolean routes(String path) {
    return path.equals(PREFIX + "/enable") || path.equals(PREFIX + "/users") || path.equals(PREFIX + "/roles")
        || path.startsWith(PREFIX + "/users/") || path.startsWith(PREFIX + "/roles/");
  }

  FullHttpResponse handle(FullHttpRequest request, String path) {
    String method = request.method().name();
    if (path.equals(PREFIX + "/enable")) {
      if (!method.equals("GET") && !method.equals("PUT") && !method.equals("DELETE")) {
        return HttpResponses.methodNotAllowed("GET,PUT,DELETE");
      }
      return json(switch (method) {
        case "GET" -> HttpResponses.response(HttpResponseStatus.OK, HttpResponses.JSON, "{\"enabled\":false}\n");
        case "PUT" -> HttpResponses.jsonError(HttpResponseStatus.CONFLICT, "auth: No root user available, please create one");
        default -> HttpResponses.jsonError(HttpResponseStatus.CONFLICT, "auth: already disabled");
      });
    }
    if (path.equals(PREFIX + "/users") || path.equals(PREFIX + "/roles")) {
      if (!method.equals("GET")) {
        return HttpResponses.methodNotAllowed("GET");
      }
      String body = path.endsWith("users") ? "{\"users\":null}\n" : "{\"roles\":[" + ROOT_ROLE + "]}\n";
      return json(HttpResponses.response(HttpResponseStatus.OK, HttpResponses.JSON, body));
    }
    boolean users = path.startsWith(PREFIX + "/users/");
    String name = path.substring((PREFIX + (users ? "/users/" : "/roles/")).length());
    if (name.contains("/")) {
      return HttpResponses.jsonError(HttpResponseStatus.BAD_REQUEST, "Invalid path");
    }
    if (!method.equals("GET") && !method.equals("PUT") && !method.equals("DELETE")) {
      return HttpResponses.methodNotAllowed("GET,PUT,DELETE");
    }
    if (!method.equals("GET")) {
      return json(HttpResponses.jsonError(HttpResponseStatus.SERVICE_UNAVAILABLE, "etcdj: v2 auth is not supported"));
    }
    if (!users && name.equals("root")) {
      return json(HttpResponses.response(HttpResponseStatus.OK, HttpResponses.JSON, ROOT_ROLE + "\n"));
    }
    return json(HttpResponses.jsonError(HttpResponseStatus.NOT_FOUND,
        "auth: " + (users ? "User " : "Role ") + name + " does not exist."));
  }

  private FullHttpResponse json(FullHttpResponse response) {
    response.headers().set(HttpResponses.CLUSTER_ID, clusterIdHex);
    return response;
  }
}
