package io.etcdj.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etcdj.kvstore.NodeView;
import io.etcdj.kvstore.StoreResult;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.CharsetUtil;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * /v2/members and /v2/machines as etcd 3.4's v2http membersHandler and serveMachines. Members
 * come from the store's {@code /0/members} records. Membership changes (POST, PUT, DELETE of an
 * existing member) need the peer transport, which etcdj does not have yet: they validate like
 * etcd and then answer 500-free with an explanatory 503.
 */
final class MembersEndpoint {
  static final String PREFIX = "/v2/members";
  private final MemberState member;

  MembersEndpoint(MemberState member) { this.member = member; }

  /** A member as the store records it. */
  record Member(long id, String name, List<String> peerUrls, List<String> clientUrls) {}

  /**
   * Answers at once, except for a change naming an unknown member: etcd proposes that conf change
   * through Raft before finding the member missing, so the answer waits for a log entry here too
   * (X-Raft-Index then moves as etcd's).
   */
  CompletableFuture<FullHttpResponse> members(FullHttpRequest request, String path) {
    String m = request.method().name();
    if (!m.equals("GET") && !m.equals("POST") && !m.equals("DELETE") && !m.equals("PUT")) {
      return CompletableFuture.completedFuture(HttpResponses.methodNotAllowed("GET,POST,DELETE,PUT"));
    }
    CompletableFuture<FullHttpResponse> response = switch (m) {
      case "GET" -> CompletableFuture.completedFuture(get(trim(path)));
      case "POST" -> {
        FullHttpResponse bad = checkJson(request);
        yield CompletableFuture.completedFuture(bad != null ? bad : notSupported());
      }
      default -> change(request, trim(path));
    };
    return response.thenApply(r -> {
      r.headers().set(HttpResponses.CLUSTER_ID, member.backend().clusterIdHex());
      return r;
    });
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
    FullHttpResponse bad = request.method().name().equals("PUT") ? checkJson(request) : null;
    if (bad != null) {
      return CompletableFuture.completedFuture(bad);
    }
    if (find(parsed) != null) {
      return CompletableFuture.completedFuture(notSupported());
    }
    String notFound = "No such member: " + ClusterIdentity.hex(parsed);
    return member.loop().logBarrier(MemberPublisher.defaultTimeoutNanos(1000)).handle((ok, error) ->
        HttpResponses.jsonError(HttpResponseStatus.NOT_FOUND, notFound));
  }

  FullHttpResponse machines(FullHttpRequest request) {
    String m = request.method().name();
    if (!m.equals("GET") && !m.equals("HEAD")) {
      return HttpResponses.methodNotAllowed("GET,HEAD");
    }
    List<String> urls = new ArrayList<>();
    for (Member each : list()) {
      urls.addAll(each.clientUrls());
    }
    return HttpResponses.response(HttpResponseStatus.OK, HttpResponses.TEXT, String.join(", ", urls));
  }

  private FullHttpResponse get(String sub) {
    if (sub.isEmpty()) {
      ObjectNode body = MemberJson.MAPPER.createObjectNode();
      ArrayNode array = body.putArray("members");
      list().forEach(each -> array.add(json(each)));
      return HttpResponses.response(HttpResponseStatus.OK, HttpResponses.JSON, body.toString() + "\n");
    }
    if (sub.equals("leader")) {
      long leader = member.loop().leaderId();
      Member found = leader == 0 ? null : find(leader);
      if (found == null) {
        return HttpResponses.jsonError(HttpResponseStatus.SERVICE_UNAVAILABLE, "During election");
      }
      return HttpResponses.response(HttpResponseStatus.OK, HttpResponses.JSON, json(found).toString() + "\n");
    }
    return HttpResponses.jsonError(HttpResponseStatus.NOT_FOUND, "Not found");
  }

  /** All members, sorted by id as etcd's MembersByID. */
  List<Member> list() {
    List<Member> members = new ArrayList<>();
    StoreResult result = member.backend().store().get("/0/members", true, true, System.currentTimeMillis());
    if (result instanceof StoreResult.Ok ok && ok.event().node().nodes() != null) {
      for (NodeView dir : ok.event().node().nodes()) {
        String key = dir.key();
        Long id = parseId(key.substring(key.lastIndexOf('/') + 1));
        if (id == null || dir.nodes() == null) {
          continue;
        }
        List<String> peers = List.of();
        String name = "";
        List<String> clients = new ArrayList<>();
        for (NodeView leaf : dir.nodes()) {
          if (leaf.key().endsWith("/raftAttributes") && leaf.value() != null) {
            peers = MemberJson.peerUrls(leaf.value().getBytes(CharsetUtil.UTF_8));
          } else if (leaf.key().endsWith("/attributes") && leaf.value() != null) {
            try {
              JsonNode attributes = MemberJson.MAPPER.readTree(leaf.value());
              name = attributes.path("name").asText("");
              attributes.path("clientURLs").forEach(u -> clients.add(u.asText()));
            } catch (IOException e) {
              // a malformed record shows as a member without attributes
            }
          }
        }
        members.add(new Member(id, name, peers, clients));
      }
    }
    members.sort((a, b) -> Long.compareUnsigned(a.id(), b.id()));
    return members;
  }

  private Member find(long id) {
    for (Member each : list()) {
      if (each.id() == id) {
        return each;
      }
    }
    return null;
  }

  private static ObjectNode json(Member m) {
    ObjectNode node = MemberJson.MAPPER.createObjectNode();
    node.put("id", ClusterIdentity.hex(m.id()));
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
    byte[] body = new byte[request.content().readableBytes()];
    request.content().getBytes(request.content().readerIndex(), body);
    String syntaxError = GoJsonSyntax.error(body);
    return syntaxError == null ? null : HttpResponses.jsonError(HttpResponseStatus.BAD_REQUEST, syntaxError);
  }

  private static FullHttpResponse notSupported() {
    return HttpResponses.jsonError(HttpResponseStatus.SERVICE_UNAVAILABLE,
        "etcdj: membership changes are not supported yet");
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
