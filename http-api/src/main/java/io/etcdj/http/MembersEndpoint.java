package io.etcdj.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etcdj.server.Member;
import io.etcdj.server.MembershipException;
import io.etcdj.server.ServerV2;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * /v2/members and /v2/machines as etcd 3.4's v2http membersHandler and serveMachines: list the
 * members, show the leader, add (POST with peerURLs), remove (DELETE /id) and update (PUT /id)
 * members, with etcd's checks in etcd's order and its answers.
 */
final class MembersEndpoint {
  static final String PREFIX = "/v2/members";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final ServerV2 server;

  MembersEndpoint(ServerV2 server) { this.server = server; }

  CompletableFuture<FullHttpResponse> members(FullHttpRequest request, String path) {
    String m = request.method().name();
    if (!m.equals("GET") && !m.equals("POST") && !m.equals("DELETE") && !m.equals("PUT")) {
      return CompletableFuture.completedFuture(HttpResponses.methodNotAllowed("GET,POST,DELETE,PUT"));
    }
    CompletableFuture<FullHttpResponse> response = switch (m) {
      case "GET" -> CompletableFuture.completedFuture(get(trim(path)));
      case "POST" -> add(request);
      default -> change(request, trim(path));
    };
    return response.thenApply(r -> {
      r.headers().set(HttpResponses.CLUSTER_ID, server.clusterIdHex());
      return r;
    });
  }

  private CompletableFuture<FullHttpResponse> add(FullHttpRequest request) {
    FullHttpResponse bad = checkJson(request);
    if (bad != null) {
      return CompletableFuture.completedFuture(bad);
    }
    Object urls = peerUrls(request);
    if (urls instanceof FullHttpResponse invalid) {
      return CompletableFuture.completedFuture(invalid);
    }
    @SuppressWarnings("unchecked") List<URI> peerUrls = (List<URI>) urls;
    return server.addMember(peerUrls).handle((member, error) -> error == null
        ? HttpResponses.response(HttpResponseStatus.CREATED, HttpResponses.JSON, json(member).toString() + "\n")
        : failure(error));
  }

  /** DELETE or PUT /v2/members/<id>, checked in etcd's order: id, body, then the conf change. */
  private CompletableFuture<FullHttpResponse> change(FullHttpRequest request, String id) {
    if (id.isEmpty()) {
      return CompletableFuture.completedFuture(
          HttpResponses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed"));
    }
    Long parsed = parseId(id);
    if (parsed == null) {
      return CompletableFuture.completedFuture(
          HttpResponses.jsonError(HttpResponseStatus.NOT_FOUND, "No such member: " + id));
    }
    CompletableFuture<Void> done;
    if (request.method().name().equals("PUT")) {
      FullHttpResponse bad = checkJson(request);
      if (bad != null) {
        return CompletableFuture.completedFuture(bad);
      }
      Object urls = peerUrls(request);
      if (urls instanceof FullHttpResponse invalid) {
        return CompletableFuture.completedFuture(invalid);
      }
      @SuppressWarnings("unchecked") List<URI> peerUrls = (List<URI>) urls;
      done = server.updateMember(parsed, peerUrls);
    } else {
      done = server.removeMember(parsed);
    }
    return done.handle((ok, error) -> error == null
        ? HttpResponses.response(HttpResponseStatus.NO_CONTENT, null, new byte[0])
        : failure(error));
  }

  /** etcd's answers for membership errors; anything else is its 500 "Internal Server Error". */
  private static FullHttpResponse failure(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof MembershipException e) {
      String id = io.etcdj.server.ClusterIdentity.hex(e.memberId());
      return switch (e.reason()) {
        case ID_EXISTS -> HttpResponses.jsonError(HttpResponseStatus.CONFLICT, "membership: ID exists");
        case PEER_URL_EXISTS -> HttpResponses.jsonError(HttpResponseStatus.CONFLICT, "membership: peerURL exists");
        case ID_REMOVED -> HttpResponses.jsonError(HttpResponseStatus.GONE, "Member permanently removed: " + id);
        case ID_NOT_FOUND -> HttpResponses.jsonError(HttpResponseStatus.NOT_FOUND, "No such member: " + id);
      };
    }
    return HttpResponses.jsonError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal Server Error");
  }

  FullHttpResponse machines(FullHttpRequest request) {
    String m = request.method().name();
    if (!m.equals("GET") && !m.equals("HEAD")) {
      return HttpResponses.methodNotAllowed("GET,HEAD");
    }
    List<String> urls = new ArrayList<>();
    for (Member each : server.members()) {
      urls.addAll(each.clientUrls());
    }
    return HttpResponses.response(HttpResponseStatus.OK, HttpResponses.TEXT, String.join(", ", urls));
  }

  private FullHttpResponse get(String sub) {
    if (sub.isEmpty()) {
      ObjectNode body = MAPPER.createObjectNode();
      ArrayNode array = body.putArray("members");
      server.members().forEach(each -> array.add(json(each)));
      return HttpResponses.response(HttpResponseStatus.OK, HttpResponses.JSON, body.toString() + "\n");
    }
    if (sub.equals("leader")) {
      Optional<Member> leader = server.leader();
      if (leader.isEmpty()) {
        return HttpResponses.jsonError(HttpResponseStatus.SERVICE_UNAVAILABLE, "During election");
      }
      return HttpResponses.response(HttpResponseStatus.OK, HttpResponses.JSON, json(leader.get()).toString() + "\n");
    }
    return HttpResponses.jsonError(HttpResponseStatus.NOT_FOUND, "Not found");
  }

  private static ObjectNode json(Member m) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", m.idHex());
    node.put("name", m.name());
    ArrayNode peers = node.putArray("peerURLs");
    m.peerUrls().forEach(peers::add);
    ArrayNode clients = node.putArray("clientURLs");
    m.clientUrls().forEach(clients::add);
    return node;
  }

  /** etcd's unmarshalRequest: application/json and a JSON body. */
  private static FullHttpResponse checkJson(FullHttpRequest request) {
    String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    int semicolon = type.indexOf(';');
    if (semicolon != -1) {
      type = type.substring(0, semicolon).trim().toLowerCase(Locale.ROOT);
    }
    if (!type.equals("application/json")) {
      return HttpResponses.jsonError(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
          "Bad Content-Type " + type + ", accept application/json");
    }
    String syntaxError = GoJsonSyntax.error(body(request));
    return syntaxError == null ? null : HttpResponses.jsonError(HttpResponseStatus.BAD_REQUEST, syntaxError);
  }

  /**
   * The request's {@code peerURLs} (etcd's MemberCreateRequest / MemberUpdateRequest), or the
   * 400 answer when they are not valid URLs.
   */
  private static Object peerUrls(FullHttpRequest request) {
    List<URI> urls = new ArrayList<>();
    try {
      JsonNode node = MAPPER.readTree(body(request)).path("peerURLs");
      for (JsonNode each : node) {
        URI url = new URI(each.asText());
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
            || url.getHost() == null || url.getPort() < 0) {
          return HttpResponses.jsonError(HttpResponseStatus.BAD_REQUEST, "URL address does not have the form \"host:port\": " + each.asText());
        }
        urls.add(url);
      }
    } catch (IOException | java.net.URISyntaxException e) {
      return HttpResponses.jsonError(HttpResponseStatus.BAD_REQUEST, e.getMessage());
    }
    return urls;
  }

  private static byte[] body(FullHttpRequest request) {
    byte[] body = new byte[request.content().readableBytes()];
    request.content().getBytes(request.content().readerIndex(), body);
    return body;
  }

  private static String trim(String path) {
    String rest = path.substring(PREFIX.length());
    return rest.startsWith("/") ? rest.substring(1) : rest;
  }

  /** etcd's types.IDFromString: unsigned hex. */
  private static Long parseId(String text) {
    try {
      return Long.parseUnsignedLong(text, 16);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
