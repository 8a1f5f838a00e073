package io.etcdj.http.keys;

import io.etcdj.server.ServerUnavailableException;
import io.etcdj.server.KeysBackend;
import io.etcdj.kvstore.ErrorCode;
import io.etcdj.kvstore.Event;
import io.etcdj.kvstore.EventJson;
import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreReader;
import io.etcdj.kvstore.StoreError;
import io.etcdj.kvstore.StoreResult;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.EventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves /v2/keys as etcd 3.4's keysHandler does: method check, parseKeyRequest, then a local
 * read, a quorum read, a watch or a write through Raft, answered with etcd's statuses, headers and
 * bodies. One instance serves every connection; it holds no per-request state (that lives in
 * {@link ResponseOrder} and {@link WatchStream}, owned by each channel's event loop).
 */
public final class KeysEndpoint {
  private static final Logger log = LoggerFactory.getLogger(KeysEndpoint.class);

  private static final EventJson NO_VALUE_SET = EventJson.of(ascii("{\"action\":\"set\"}\n"));
  private static final EventJson NO_VALUE_CAS = EventJson.of(ascii("{\"action\":\"compareAndSwap\"}\n"));
  private static final EventJson NO_VALUE_CREATE = EventJson.of(ascii("{\"action\":\"create\"}\n"));
  private static final EventJson NO_VALUE_UPDATE = EventJson.of(ascii("{\"action\":\"update\"}\n"));

  private record ClusterId(String hex, AsciiString header) {}

  /** How often a request's credentials are judged before it is refused (each judging can be evicted). */
  private static final int MAX_JUDGE_ATTEMPTS = 3;

  private final KeysBackend backend;
  private final KeyAccess access;
  private final EventBytes eventBytes = new EventBytes();
  private final long maxQueuedWatchBytes;
  /** One watcher group per event loop; each group belongs to its loop (see {@link LoopWatchers}). */
  private final ConcurrentHashMap<EventExecutor, LoopWatchers> loops = new ConcurrentHashMap<>();
  private volatile ClusterId clusterId = new ClusterId("", AsciiString.EMPTY_STRING);

  public KeysEndpoint(KeysBackend backend) {
    this(backend, KeyAccess.OPEN);
  }

  /** Every request is checked with {@code access} (v2 auth) before it is served. */
  public KeysEndpoint(KeysBackend backend, KeyAccess access) {
    this(backend, access, WatchStream.MAX_QUEUED_BYTES);
  }

  /** {@code maxQueuedWatchBytes}: how far a stream watcher may fall behind before it is ended. */
  public KeysEndpoint(KeysBackend backend, long maxQueuedWatchBytes) {
    this(backend, KeyAccess.OPEN, maxQueuedWatchBytes);
  }

  private KeysEndpoint(KeysBackend backend, KeyAccess access, long maxQueuedWatchBytes) {
    this.backend = backend;
    this.access = access;
    this.maxQueuedWatchBytes = maxQueuedWatchBytes;
  }

  /** Event loop of {@code ctx}'s channel. Takes ownership of {@code request}. */
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (ResponseOrder.mustDefer(ctx, isWrite(request))) {
      ResponseOrder.of(ctx, this).defer(request);
      return;
    }
    serveNow(ctx, request);
  }

  /** Writes go through Raft in arrival order; everything else may read state. */
  static boolean isWrite(FullHttpRequest request) {
    String method = request.method().name();
    return method.equals("PUT") || method.equals("POST") || method.equals("DELETE");
  }

  /** Serves {@code request} now (its turn has come) and releases it. Event loop. */
  void serveNow(ChannelHandlerContext ctx, FullHttpRequest request) {
    Exchange ex = null;
    try {
      ex = Exchange.of(request);
      serve(ctx, request, ex);
    } catch (RuntimeException | Error e) {
      log.warn("unexpected failure serving {} {}", request.method(), request.uri(), e);
      if (ex == null) {
        ex = new Exchange(HttpVersion.HTTP_1_1, false, false);
      }
      respond(ctx, ex, requestError(ctx, ex, RequestError.unexpected(e)));
    } finally {
      request.release();
    }
  }

  private void serve(ChannelHandlerContext ctx, FullHttpRequest request, Exchange ex) {
    String method = request.method().name();
    if (method.equals("GET") && access.open()) { // with auth on, the general path checks access
      KeyRequest.Watch rearm = WatchRearmParser.parse(request.uri());
      if (rearm != null) {
        watch(ctx, ex, rearm); // what the general path below would decide, in one scan
        return;
      }
    }
    if (method.equals("OPTIONS")) {
      respond(ctx, ex, KeysResponses.options(ex));
      return;
    }
    RequestTarget target = RequestTarget.of(request.uri());
    if (!(target instanceof RequestTarget.Keys keys)) {
      if (target instanceof RequestTarget.Redirect r) {
        respond(ctx, ex, KeysResponses.redirect(ex, method, r.location()));
      } else if (target instanceof RequestTarget.NotFound) {
        respond(ctx, ex, KeysResponses.notFound(ex));
      } else {
        badRequestLine(ctx);
      }
      return;
    }
    switch (method) {
      case "GET", "HEAD", "PUT", "POST", "DELETE" -> { }
      default -> {
        respond(ctx, ex, KeysResponses.methodNotAllowed(ex));
        return;
      }
    }
    CharSequence body = "";
    if ((method.equals("PUT") || method.equals("POST")) && request.content().isReadable()) {
      body = new FormBody(request.content()); // read in place: the request is released after serving
    }
    String bodyError = request.decoderResult().cause() instanceof GoBodyError e ? e.getMessage() : null;
    ParsedKeyRequest parsed = KeyRequestParser.parse(method, keys.keyPath(), keys.rawQuery(),
        request.headers().get(HttpHeaderNames.CONTENT_TYPE), body, bodyError, backend.nowMs());
    if (parsed instanceof ParsedKeyRequest.Invalid invalid) {
      // Go closes after refusing an oversized form: it never read the rest of the body.
      Exchange answer = invalid.error().cause() == KeyRequestParser.POST_TOO_LARGE
          ? new Exchange(ex.version(), false, ex.head()) : ex;
      respond(ctx, answer, requestError(ctx, answer, invalid.error()));
      return;
    }
    KeyRequest keyRequest = ((ParsedKeyRequest.Valid) parsed).request();
    if (!access.open()) {
      KeyAccess.Verdict verdict = access.check(request.headers(), method, keys.keyPath(), recursive(keyRequest));
      if (verdict == KeyAccess.Verdict.UNJUDGED) {
        serveOnceJudged(ctx, ex, method, request.headers(), keys.keyPath(), keyRequest, 1);
        return;
      }
      if (verdict == KeyAccess.Verdict.DENIED) {
        respond(ctx, ex, unauthorized(ctx, ex));
        return;
      }
    }
    dispatch(ctx, ex, keyRequest);
  }

  /**
   * Credentials not judged yet: bcrypt runs elsewhere while a read's place in the response order
   * holds this connection's later requests back (a write behind it must not reach Raft first),
   * then the request is checked again (now from the cache) and served in that place.
   */
  private void serveOnceJudged(ChannelHandlerContext ctx, Exchange ex, String method, HttpHeaders headers,
                               String key, KeyRequest keyRequest, int attempt) {
    // keep-alive: the hold writes nothing; the answer's own place closes the connection if asked
    ResponseOrder.Slot hold = ResponseOrder.of(ctx, this).open(true, false);
    access.judgeCredentials(headers).whenComplete((ignored, failure) -> ctx.executor().execute(() -> {
      try {
        if (hold.isDropped()) {
          return;
        }
        KeyAccess.Verdict verdict = access.check(headers, method, key, recursive(keyRequest));
        if (verdict == KeyAccess.Verdict.ALLOWED) {
          dispatch(ctx, ex, keyRequest);
        } else if (verdict == KeyAccess.Verdict.UNJUDGED && attempt < MAX_JUDGE_ATTEMPTS) {
          // the verdict was evicted already (a full cache): judged again, in a place opened before this one ends
          serveOnceJudged(ctx, ex, method, headers, key, keyRequest, attempt + 1);
        } else {
          respond(ctx, ex, unauthorized(ctx, ex));
        }
      } catch (RuntimeException e) {
        log.warn("unexpected failure serving a request after its credentials were judged", e);
        respond(ctx, ex, requestError(ctx, ex, RequestError.unexpected(e)));
      } finally {
        hold.finish();
      }
    }));
  }

  /** etcd's writeKeyNoAuth: 401, errorCode 110, X-Etcd-Index 0. */
  private Object unauthorized(ChannelHandlerContext ctx, Exchange ex) {
    return storeError(ctx, ex, new StoreError(ErrorCode.UNAUTHORIZED, "Insufficient credentials", 0));
  }

  private void dispatch(ChannelHandlerContext ctx, Exchange ex, KeyRequest keyRequest) {
    if (keyRequest instanceof KeyRequest.Read read) {
      if (read.quorum()) {
        quorumRead(ctx, ex, read);
      } else {
        respond(ctx, ex, read(ctx, ex, read));
      }
    } else if (keyRequest instanceof KeyRequest.Watch watch) {
      watch(ctx, ex, watch);
    } else {
      write(ctx, ex, (KeyRequest.Write) keyRequest);
    }
  }

  private static boolean recursive(KeyRequest request) {
    return request instanceof KeyRequest.Read read ? read.recursive()
        : request instanceof KeyRequest.Watch watch ? watch.recursive()
        : ((KeyRequest.Write) request).recursive();
  }

  /** The answer to {@code read}: a {@link WireResponse} or, without {@link KeysServerCodec}, an HttpObject. */
  private Object read(ChannelHandlerContext ctx, Exchange ex, KeyRequest.Read read) {
    StoreResult result = backend.store().get(read.storePath(), read.recursive(), read.sorted(), backend.nowMs());
    if (result instanceof StoreResult.Ok ok) {
      Event event = ok.event();
      return eventAnswer(ctx, ex, event, event.json(KeyRequestParser.KEYS_PREFIX));
    }
    return storeError(ctx, ex, ((StoreResult.Err) result).error());
  }

  /** etcd's QGET: answered from the local store once a quorum confirmed it is up to date. */
  private void quorumRead(ChannelHandlerContext ctx, Exchange ex, KeyRequest.Read read) {
    ResponseOrder.Slot slot = ResponseOrder.of(ctx, this).open(ex.keepAlive(), false);
    barrier().whenComplete((ignored, failure) -> ctx.executor().execute(() -> {
      Object response;
      try {
        response = failure != null ? raftFailure(ctx, ex, failure) : read(ctx, ex, read);
      } catch (RuntimeException e) {
        log.warn("unexpected failure serving a quorum read of {}", read.storePath(), e);
        response = requestError(ctx, ex, RequestError.unexpected(e));
      }
      slot.write(response, 0);
      slot.finish();
    }));
  }

  private void write(ChannelHandlerContext ctx, Exchange ex, KeyRequest.Write write) {
    ResponseOrder.Slot slot = ResponseOrder.of(ctx, this).open(ex.keepAlive(), true);
    CompletableFuture<StoreResult> proposal;
    try {
      proposal = backend.propose(write.command());
    } catch (RuntimeException e) {
      proposal = CompletableFuture.failedFuture(e);
    }
    proposal.whenComplete((result, failure) -> ctx.executor().execute(() -> {
      Object response;
      try {
        response = failure != null ? raftFailure(ctx, ex, failure)
            : written(ctx, ex, result, write.noValueOnSuccess());
      } catch (RuntimeException e) {
        log.warn("unexpected failure answering a write to {}", write.command(), e);
        response = requestError(ctx, ex, RequestError.unexpected(e));
      }
      slot.write(response, 0);
      slot.finish();
    }));
  }

  private Object written(ChannelHandlerContext ctx, Exchange ex, StoreResult result, boolean noValueOnSuccess) {
    if (result instanceof StoreResult.Ok ok) {
      Event event = ok.event();
      EventJson body = noValueOnSuccess ? noValueBody(event.action()) : null;
      if (body == null) {
        body = eventBytes.bytesOf(event); // shared with the watchers of this event
      }
      return eventAnswer(ctx, ex, event, body);
    }
    return storeError(ctx, ex, ((StoreResult.Err) result).error());
  }

  /** writeKeyEvent's answer, as wire bytes when the pipeline's codec takes them. */
  private Object eventAnswer(ChannelHandlerContext ctx, Exchange ex, Event event, EventJson body) {
    AsciiString id = clusterId();
    long raftIndex = backend.raftIndex();
    long raftTerm = backend.raftTerm();
    return KeysServerCodec.isIn(ctx.pipeline())
        ? WireResponses.event(ctx.alloc(), ex, id, event, body, raftIndex, raftTerm)
        : KeysResponses.event(ex, id, event, body, raftIndex, raftTerm);
  }

  /** writeKeyNoValue: these actions answer without node and prevNode; others in full. */
  private static EventJson noValueBody(String action) {
    return switch (action) {
      case "set" -> NO_VALUE_SET;
      case "compareAndSwap" -> NO_VALUE_CAS;
      case "create" -> NO_VALUE_CREATE;
      case "update" -> NO_VALUE_UPDATE;
      default -> null;
    };
  }

  private void watch(ChannelHandlerContext ctx, Exchange ex, KeyRequest.Watch watch) {
    ResponseOrder.Slot slot = ResponseOrder.of(ctx, this).open(ex.keepAlive(), false);
    LoopWatchers loopWatchers = loopWatchers(ctx.executor());
    WatchStream stream = new WatchStream(ctx, loopWatchers, slot, watch.stream(),
        ex.version() == HttpVersion.HTTP_1_1, maxQueuedWatchBytes);
    Store.WatchResult result = null;
    try {
      StoreReader store = backend.store();
      // Read before registering, for a store that cannot tell the watcher's start index: a racing
      // event then errs low (a client resuming from it sees a duplicate, never a gap).
      long indexBefore = store.index();
      result = loopWatchers.group().watch(watch.storePath(), watch.recursive(), watch.stream(), watch.sinceIndex(),
          stream);
      if (result instanceof Store.WatchResult.Registered registered) {
        long startIndex = Math.max(indexBefore, registered.watcher().startIndex());
        stream.writeHead(KeysResponses.watchHead(ex, clusterId(), startIndex, backend.raftIndex(),
            backend.raftTerm()));
        stream.started(registered.watcher());
      } else {
        slot.write(storeError(ctx, ex, ((Store.WatchResult.Rejected) result).error()), 0);
        slot.finish();
      }
    } catch (RuntimeException e) {
      // The slot must end, or every later request on this connection would wait forever.
      log.warn("unexpected failure starting a watch on {}", watch.storePath(), e);
      if (result instanceof Store.WatchResult.Registered registered) {
        registered.watcher().cancel();
      }
      slot.write(requestError(ctx, ex, RequestError.unexpected(e)), 0);
      slot.finish();
    }
  }

  /** The watchers of {@code loop}, created with its first watch. */
  private LoopWatchers loopWatchers(EventExecutor loop) {
    LoopWatchers w = loops.get(loop);
    if (w == null) {
      w = loops.computeIfAbsent(loop, l -> new LoopWatchers(l, backend.store(), eventBytes));
    }
    return w;
  }

  private Object storeError(ChannelHandlerContext ctx, Exchange ex, StoreError error) {
    String cause = error.cause();
    if (cause != null && cause.startsWith(KeyRequestParser.KEYS_PREFIX)) {
      error = new StoreError(error.code(), cause.substring(KeyRequestParser.KEYS_PREFIX.length()), error.index());
    }
    return KeysServerCodec.isIn(ctx.pipeline()) && WireResponses.encodable(error.code().httpStatus)
        ? WireResponses.storeError(ctx.alloc(), ex, clusterId(), error)
        : KeysResponses.storeError(ex, clusterId(), error);
  }

  private Object requestError(ChannelHandlerContext ctx, Exchange ex, RequestError error) {
    return KeysServerCodec.isIn(ctx.pipeline()) && WireResponses.encodable(error.httpStatus())
        ? WireResponses.requestError(ctx.alloc(), ex, clusterId(), error)
        : KeysResponses.requestError(ex, clusterId(), error);
  }

  /** writeKeyError for a non-v2 error: etcd answers 300 "Raft Internal Error" with err.Error(). */
  private Object raftFailure(ChannelHandlerContext ctx, Exchange ex, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (!(cause instanceof ServerUnavailableException)) {
      log.warn("unexpected v2 response error", cause);
    }
    String message = cause.getMessage() != null ? cause.getMessage() : cause.toString();
    return requestError(ctx, ex, RequestError.raftInternal(message));
  }

  private CompletableFuture<Void> barrier() {
    try {
      return backend.readBarrier();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Event loop: the client shut its sending side down (see {@link ResponseOrder#inputClosed}). */
  public void inputClosed(ChannelHandlerContext ctx) {
    ResponseOrder.inputClosed(ctx);
  }

  /**
   * Go refuses an unparsable request URI at the connection level: the raw answer goes straight to
   * the socket (from the first handler down), past the HTTP encoder and anything that would add
   * headers, and the connection closes, after any earlier answers still pending have been sent.
   */
  private void badRequestLine(ChannelHandlerContext ctx) {
    if (!ResponseOrder.idle(ctx)) {
      // Pipelined behind a pending answer: keep the order, so it goes out as an HTTP message.
      respond(ctx, new Exchange(HttpVersion.HTTP_1_1, false, false), KeysResponses.badRequestLineMessage());
      return;
    }
    GoRefusal.sendAndClose(ctx, "");
  }

  /** Writes now if nothing is pending on the connection, else after the earlier answers. */
  private void respond(ChannelHandlerContext ctx, Exchange ex, Object response) {
    boolean close = !ex.keepAlive();
    if (ResponseOrder.idle(ctx)) {
      if (close) {
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      } else {
        ctx.writeAndFlush(response, ctx.voidPromise());
      }
      return;
    }
    ResponseOrder.Slot slot = ResponseOrder.of(ctx, this).open(!close, true);
    slot.write(response, 0);
    slot.finish();
  }

  private AsciiString clusterId() {
    String hex = backend.clusterIdHex();
    ClusterId c = clusterId;
    if (!c.hex.equals(hex)) {
      c = new ClusterId(hex, new AsciiString(hex));
      clusterId = c;
    }
    return c.header;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
