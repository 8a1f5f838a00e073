package io.etcdj.http;

import io.etcdj.server.ClusterIdentity;
import io.etcdj.server.Member;
import io.etcdj.server.MembershipException;
import io.etcdj.server.ServerV2;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
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
 * members, with etcd's checks in etcd's order and its answers. What a check decides about the
 * cluster (the strict reconfiguration check, ids and peer URLs taken) is the runtime's; how the
 * request reads and how the answer looks is this class's.
 */
final class MembersEndpoint {
  static final String PREFIX = "/v2/members";
  private final ServerV2 server;
  private final boolean strictReconfigCheck;

  MembersEndpoint(ServerV2 server, boolean strictReconfigCheck) {
    this.server = server;
    this.strictReconfigCheck = strictReconfigCheck;
  }

  CompletableFuture<FullHttpResponse> members(FullHttpRequest request, String path) {
    String m = request.method().name();
    if (!m.equals("GET") && !m.equals("POST") && !m.equals("DELETE") && !m.equals("PUT")) {
      return CompletableFuture.completedFuture(HttpResponses.methodNotAllowed("GET,POST,DELETE,PUT"));
    }
    CompletableFuture<FullHttpResponse> response = switch (m) {
      case "GET" -> CompletableFuture.completedFuture(get(trim(path)));
      case "POST" -> add(request);
      case "DELETE" -> remove(trim(path));
      default -> update(request, trim(path));
    };
    return response.thenApply(r -> {
      r.headers().set(HttpResponses.CLUSTER_ID, server.clusterIdHex());
      return r;
    });
  }

  /** POST: Content-Type, body, then the strict check (at once), then the change through the log. */
  private CompletableFuture<FullHttpResponse> add(FullHttpRequest request) {
    Object urls = peerUrls(request);
    if (urls instanceof FullHttpResponse refused) {
      return done(refused);
    }
    if (strictReconfigCheck && server.mayAddMember().isPresent()) {
      return done(internalError());
    }
    @SuppressWarnings("unchecked") List<URI> peerUrls = (List<URI>) urls;
    return server.addMember(peerUrls).handle((member, error) -> {
      if (error == null) {
        return HttpResponses.response(HttpResponseStatus.CREATED, HttpResponses.JSON, MemberBodies.member(member) + "\n");
      }
      MembershipException e = membershipError(error);
      return e != null && (e.reason() == MembershipException.Reason.ID_EXISTS
          || e.reason() == MembershipException.Reason.PEER_URL_EXISTS) ? conflict(e) : internalError();
    });
  }

  /** DELETE /v2/members/<id>: the id, the strict check, then the change through the log. */
  private CompletableFuture<FullHttpResponse> remove(String idText) {
    if (idText.isEmpty()) {
      return done(HttpResponses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed"));
    }
    Long id = parseId(idText);
    if (id == null) {
      return done(noSuchMember(idText));
    }
    if (strictReconfigCheck && server.mayRemoveMember(id).isPresent()) {
      return done(internalError());
    }
    return server.removeMember(id).handle((ok, error) -> {
      if (error == null) {
        return HttpResponses.response(HttpResponseStatus.NO_CONTENT, null, new byte[0]);
      }
      MembershipException e = membershipError(error);
      if (e == null) {
        return internalError();
      }
      return switch (e.reason()) {
        case ID_REMOVED -> HttpResponses.jsonError(HttpResponseStatus.GONE,
            "Member permanently removed: " + ClusterIdentity.hex(e.memberId()));
        case ID_NOT_FOUND -> noSuchMember(ClusterIdentity.hex(e.memberId()));
        default -> internalError();
      };
    });
  }

  /** PUT /v2/members/<id>: the id, Content-Type, body, then the change through the log. */
  private CompletableFuture<FullHttpResponse> update(FullHttpRequest request, String idText) {
    if (idText.isEmpty()) {
      return done(HttpResponses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed"));
    }
    Long id = parseId(idText);
    if (id == null) {
      return done(noSuchMember(idText));
    }
    Object urls = peerUrls(request);
    if (urls instanceof FullHttpResponse refused) {
      return done(refused);
    }
    @SuppressWarnings("unchecked") List<URI> peerUrls = (List<URI>) urls;
    return server.updateMember(id, peerUrls).handle((ok, error) -> {
      if (error == null) {
        return HttpResponses.response(HttpResponseStatus.NO_CONTENT, null, new byte[0]);
      }
      MembershipException e = membershipError(error);
      if (e == null) {
        return internalError();
      }
      return switch (e.reason()) {
        case PEER_URL_EXISTS -> conflict(e);
        case ID_NOT_FOUND -> noSuchMember(ClusterIdentity.hex(e.memberId()));
        default -> internalError(); // a removed member too: etcd has no answer of its own for it here
      };
    });
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
    urls.sort(null); // etcd's RaftCluster.ClientURLs sorts them
    return HttpResponses.response(HttpResponseStatus.OK, HttpResponses.TEXT, String.join(", ", urls));
  }

  private FullHttpResponse get(String sub) {
    if (sub.isEmpty()) {
      return HttpResponses.response(HttpResponseStatus.OK, HttpResponses.JSON,
          MemberBodies.collection(server.members()) + "\n");
    }
    if (sub.equals("leader")) {
      Optional<Member> leader = server.leader();
      if (leader.isEmpty()) {
        return HttpResponses.jsonError(HttpResponseStatus.SERVICE_UNAVAILABLE, "During election");
      }
      return HttpResponses.response(HttpResponseStatus.OK, HttpResponses.JSON, MemberBodies.member(leader.get()) + "\n");
    }
    return HttpResponses.jsonError(HttpResponseStatus.NOT_FOUND, "Not found");
  }

  /**
   * etcd's unmarshalRequest: application/json (the part before ';', trimmed and lower-cased only
   * when there is one), then the body as Go decodes it. The peer URLs, or the refusal.
   */
  private static Object peerUrls(FullHttpRequest request) {
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
    List<String> urls;
    try {
      urls = MemberRequestBody.peerUrls(body);
    } catch (MemberRequestBody.Invalid e) {
      return HttpResponses.jsonError(HttpResponseStatus.BAD_REQUEST, e.getMessage());
    }
    List<URI> parsed = new ArrayList<>();
    for (String url : urls) {
      try {
        parsed.add(new URI(url));
      } catch (java.net.URISyntaxException e) {
        // Go accepts a few host characters java.net.URI does not ('<', '"', ...); etcdj's peer
        // transport could not dial such a URL, so it is refused as a URL without host:port.
        return HttpResponses.jsonError(HttpResponseStatus.BAD_REQUEST,
            "URL address does not have the form \"host:port\": " + url);
      }
    }
    return parsed;
  }

  private static MembershipException membershipError(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return cause instanceof MembershipException e ? e : null;
  }

  private static FullHttpResponse conflict(MembershipException e) {
    return HttpResponses.jsonError(HttpResponseStatus.CONFLICT, e.reason() == MembershipException.Reason.ID_EXISTS
        ? "membership: ID exists" : "membership: peerURL exists");
  }

  private static FullHttpResponse noSuchMember(String id) {
    return HttpResponses.jsonError(HttpResponseStatus.NOT_FOUND, "No such member: " + id);
  }

  /** etcd's answer to every other error (a refused strict check, a timeout, a removed member's update). */
  private static FullHttpResponse internalError() {
    return HttpResponses.jsonError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal Server Error");
  }

  private static CompletableFuture<FullHttpResponse> done(FullHttpResponse response) {
    return CompletableFuture.completedFuture(response);
  }

  private static String trim(String path) {
    String rest = path.substring(PREFIX.length());
    return rest.startsWith("/") ? rest.substring(1) : rest;
  }

  /** etcd's types.IDFromString: strconv.ParseUint(s, 16, 64), which takes no sign. */
  private static Long parseId(String text) {
    if (text.isEmpty() || text.charAt(0) == '+' || text.charAt(0) == '-') {
      return null;
    }
    try {
      return Long.parseUnsignedLong(text, 16);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
