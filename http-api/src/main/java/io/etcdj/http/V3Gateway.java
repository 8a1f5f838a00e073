package io.etcdj.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Set;

/**
 * The paths of etcd 3.4's gRPC gateway (/v3/...). etcdj serves no v3 API, but answers these
 * paths the way the gateway's error handling would: an unknown path is its 404 "Not Found", a
 * known one with a body that is not JSON is InvalidArgument (400), and a well-formed call is
 * Unimplemented (501), each as the gateway's {"error","message","code"} JSON.
 */
final class V3Gateway {
  private static final Set<String> RPCS = Set.of(
      "kv/range", "kv/put", "kv/deleterange", "kv/txn", "kv/compaction", "watch",
      "lease/grant", "lease/revoke", "kv/lease/revoke", "lease/keepalive", "lease/timetolive",
      "kv/lease/timetolive", "lease/leases", "kv/lease/leases",
      "cluster/member/add", "cluster/member/remove", "cluster/member/update", "cluster/member/list",
      "cluster/member/promote",
      "maintenance/alarm", "maintenance/status", "maintenance/defragment", "maintenance/hash",
      "maintenance/snapshot", "maintenance/transfer-leadership",
      "auth/enable", "auth/disable", "auth/authenticate", "auth/user/add", "auth/user/get",
      "auth/user/list", "auth/user/delete", "auth/user/changepw", "auth/user/grant", "auth/user/revoke",
      "auth/role/add", "auth/role/get", "auth/role/list", "auth/role/delete", "auth/role/grant",
      "auth/role/revoke");

  private V3Gateway() {}

  static boolean routes(String path) {
    return path.startsWith("/v3/") || path.startsWith("/v3beta/") || path.startsWith("/v3alpha/");
  }

  static FullHttpResponse handle(FullHttpRequest request, String path) {
    String rpc = path.substring(path.indexOf('/', 1) + 1);
    if (!RPCS.contains(rpc) || !request.method().equals(HttpMethod.POST)) {
      return HttpResponses.error(HttpResponseStatus.NOT_FOUND, "Not Found");
    }
    byte[] body = new byte[request.content().readableBytes()];
    request.content().getBytes(request.content().readerIndex(), body);
    String syntaxError = GoJsonSyntax.error(body);
    if (syntaxError != null) {
      // The gateway decodes with a json.Decoder, which reports truncation as io.ErrUnexpectedEOF.
      String message = syntaxError.equals("unexpected end of JSON input") ? "unexpected EOF" : syntaxError;
      return status(HttpResponseStatus.BAD_REQUEST, message, 3);
    }
    return status(HttpResponseStatus.NOT_IMPLEMENTED, "etcdj serves etcd's v2 API only", 12);
  }

  private static FullHttpResponse status(HttpResponseStatus status, String message, int code) {
    String quoted = GoJson.quote(message);
    return HttpResponses.response(status, HttpResponses.JSON,
        "{\"error\":" + quoted + ",\"message\":" + quoted + ",\"code\":" + code + "}");
  }
}
