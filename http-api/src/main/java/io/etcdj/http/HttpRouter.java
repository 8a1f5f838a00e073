package io.etcdj.http;

import io.etcdj.http.auth.AuthGate;
import io.etcdj.http.auth.AuthService;
import io.etcdj.http.keys.GoBodyError;
import io.etcdj.http.keys.GoRefusal;
import io.etcdj.http.keys.GoUrlPath;
import io.etcdj.http.keys.StarTarget;
import io.etcdj.server.ServerV2;
import io.micrometer.core.instrument.Counter;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each aggregated request as etcd 3.4's client mux does: /v2/keys to the shared
 * {@link KeysHandler}, the member and info endpoints here, anything else Go's 404. Shared by
 * every channel; runs on each channel's event loop and keeps no per-request state.
 */
@ChannelHandler.Sharable
final class HttpRouter extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);

  private final KeysHandler keys;
  private final MembersEndpoint members;
  private final StatsEndpoint stats;
  private final InfoEndpoints info;
  private final AuthEndpoint auth;
  private final AuthGate authGate;
  private final Counter keysRequests;
  private final Counter otherRequests;

  /** {@code auth} is the gate {@code keys} checks with too, so both see one credential cache. */
  HttpRouter(KeysHandler keys, ServerV2 server, boolean strictReconfigCheck, AuthGate auth) {
    this.keys = keys;
    this.authGate = auth;
    this.members = new MembersEndpoint(server, strictReconfigCheck);
    this.stats = new StatsEndpoint(server);
    this.info = new InfoEndpoints(server);
    this.auth = new AuthEndpoint(server.clusterIdHex(), auth, new AuthService(server, auth.state()));
    this.keysRequests = server.metrics().httpRequests("keys");
    this.otherRequests = server.metrics().httpRequests("other");
  }

  @Override public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      keys.inputClosed(ctx);
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (request.decoderResult().isFailure()) {
      Throwable cause = request.decoderResult().cause();
      if (cause instanceof GoBodyError bodyError) {
        // answered as Go answers it (the keys handler shows the error when it reads the form), then closed
        if (bodyError.closeHeader()) {
          request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
      } else {
        // refused before any handler, in its turn: one request reaches this handler at a time
        request.release();
        GoRefusal.sendAndClose(ctx, cause instanceof GoRefusal.Refused refused ? refused : GoRefusal.badRequest(""));
        return;
      }
    }
    if (StarTarget.is(request.uri())) {
      request.release();
      StarTarget.answer(ctx, request.method().equals(HttpMethod.OPTIONS));
      return;
    }
    String uri = originForm(request);
    int query = uri.indexOf('?');
    // ServeMux routes on the decoded path: "/v2/keys%2Fa" is the keys handler's, as in etcd
    String path = GoUrlPath.unescape(query < 0 ? uri : uri.substring(0, query));
    if (path == null) {
      request.release();
      GoRefusal.sendAndClose(ctx, ""); // url.ParseRequestURI refuses a bad escape
      return;
    }
    if (request.method().equals(HttpMethod.OPTIONS)) {
      request.release();
      HttpResponses.send(ctx, request, HttpResponses.response(HttpResponseStatus.OK, null, new byte[0]));
      return;
    }
    boolean keysPath = path.equals("/v2/keys") || path.startsWith("/v2/keys/");
    String cleaned = PathCleaner.clean(path);
    if (!cleaned.equals(path) && !(keysPath && cleaned.startsWith("/v2/keys"))) {
      // (a keys path the handler redirects itself, with etcd's headers)
      request.release();
      HttpResponses.send(ctx, request, redirect(request,
          GoUrlPath.escape(cleaned) + (query < 0 ? "" : uri.substring(query))));
      return;
    }
    if (keysPath) {
      keysRequests.increment();
      try {
        keys.handle(ctx, request);
      } catch (RuntimeException e) {
        LOG.error("keys handler failed on {} {}", request.method(), uri, e);
        ReferenceCountUtil.safeRelease(request, request.refCnt());
        HttpResponses.send(ctx, request, HttpResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR,
            "Internal Server Error"));
      }
      return;
    }
    otherRequests.increment();
    try {
      if (path.equals("/health")) {
        sendLater(ctx, request, info.health(request, ctx));
        return;
      }
      if (path.equals(MembersEndpoint.PREFIX) || path.startsWith(MembersEndpoint.PREFIX + "/")) {
        if (isMemberChange(request) && authGate.mustJudgeCredentials(request.headers())) {
          // bcrypt off the event loop; the request stays ours until the change is served
          request.retain();
          authGate.judgeCredentials(request.headers()).whenComplete((judged, failure) -> ctx.executor().execute(() -> {
            try {
              serveMembers(ctx, request, path);
            } finally {
              request.release();
            }
          }));
          return;
        }
        serveMembers(ctx, request, path);
        return;
      }
      if (AuthEndpoint.routes(path)) {
        sendLater(ctx, request, auth.handle(request, path));
        return;
      }
      HttpResponses.send(ctx, request, route(request, path));
    } finally {
      request.release();
    }
  }

  /**
   * etcd's membersHandler: after its method check, every change of membership needs root once
   * auth is on (hasWriteRootAccess); other methods fall through to the 405.
   */
  private void serveMembers(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
    if (isMemberChange(request) && !authGate.writeRootAccess(request.method().name(), request.headers())) {
      HttpResponses.send(ctx, request, HttpResponses.jsonError(HttpResponseStatus.UNAUTHORIZED,
          "Insufficient credentials"));
      return;
    }
    sendLater(ctx, request, members.members(request, path));
  }

  private static boolean isMemberChange(FullHttpRequest request) {
    String method = request.method().name();
    return method.equals("POST") || method.equals("PUT") || method.equals("DELETE");
  }

  /** Sends an answer computed elsewhere (the Raft side) on the channel's event loop. */
  private static void sendLater(ChannelHandlerContext ctx, FullHttpRequest request,
                                java.util.concurrent.CompletableFuture<FullHttpResponse> answer) {
    answer.whenComplete((response, error) -> ctx.executor().execute(() -> HttpResponses.send(ctx, request,
        response != null ? response : HttpResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "Service Unavailable"))));
  }

  private FullHttpResponse route(FullHttpRequest request, String path) {
    if (V3Gateway.routes(path)) {
      return V3Gateway.handle(request, path);
    }
    return switch (path) {
      case "/v2/machines" -> members.machines(request);
      case "/v2/stats/self" -> stats.self(request);
      case "/v2/stats/store" -> stats.store(request);
      case "/v2/stats/leader" -> stats.leader(request);
      case "/version" -> info.version(request);
      case "/metrics" -> info.metrics(request);
      case "/config/local/log" -> info.logLevel(request);
      default -> HttpResponses.notFound();
    };
  }

  /**
   * The request target in origin form: an absolute-form target ({@code GET http://host/v2/keys/a})
   * is served like its path, as Go's server does, and rewritten so the keys handler sees a path.
   */
  private static String originForm(FullHttpRequest request) {
    String uri = request.uri();
    if (uri.startsWith("/")) {
      return uri;
    }
    int scheme = uri.indexOf("://");
    if (scheme > 0) {
      int slash = uri.indexOf('/', scheme + 3);
      int question = uri.indexOf('?', scheme + 3);
      // no path at all is Go's empty URL.Path, which ServeMux redirects to "/"
      String origin = slash >= 0 && (question < 0 || slash < question) ? uri.substring(slash)
          : question >= 0 ? uri.substring(question) : "";
      request.setUri(origin);
      return origin;
    }
    int colon = uri.indexOf(':');
    if (colon > 0 && !uri.startsWith("//", colon + 1)) {
      // "scheme:/path" keeps its path; "scheme:opaque" has an empty URL.Path to Go (redirected to "/")
      int question = uri.indexOf('?', colon);
      String rest = question < 0 ? uri.substring(colon + 1) : uri.substring(colon + 1, question);
      String origin = (rest.startsWith("/") ? rest : "") + (question < 0 ? "" : uri.substring(question));
      request.setUri(origin);
      return origin;
    }
    return uri;
  }

  /** Go's http.Redirect with 301: an HTML note for GET and HEAD, nothing for other methods. */
  private static FullHttpResponse redirect(FullHttpRequest request, String location) {
    boolean withBody = request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD);
    FullHttpResponse response = withBody
        ? HttpResponses.response(HttpResponseStatus.MOVED_PERMANENTLY, "text/html; charset=utf-8",
            "<a href=\"" + location.replace("&", "&amp;").replace("\"", "&#34;") + "\">Moved Permanently</a>.\n\n")
        : HttpResponses.response(HttpResponseStatus.MOVED_PERMANENTLY, null, new byte[0]);
    // in Go's order: etcd's CORS handler, http.Redirect's headers, then the server's Date and length
    io.netty.handler.codec.http.HttpHeaders h = response.headers();
    String type = h.get("Content-Type");
    String length = h.get("Content-Length");
    h.clear();
    h.set("Access-Control-Allow-Headers", "accept, content-type, authorization");
    h.set("Access-Control-Allow-Methods", "POST, GET, OPTIONS, PUT, DELETE");
    h.set("Access-Control-Allow-Origin", "*");
    if (type != null) {
      h.set("Content-Type", type);
    }
    h.set("Location", location);
    h.set("Date", GoFormats.httpDate(System.currentTimeMillis()));
    h.set("Content-Length", length);
    return response;
  }

  @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof IOException)) {
      LOG.warn("closing connection from {} after an error", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }
}
