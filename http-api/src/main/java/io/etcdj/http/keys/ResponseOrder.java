package io.etcdj.http.keys;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps HTTP/1.1 responses in request order on one connection while some of them complete
 * later (writes wait for Raft, watches wait for events). Each request whose answer is not ready
 * at once gets a {@link Slot}; only the oldest open slot writes to the channel, later ones buffer
 * until it finishes. A connection that never has an answer outstanding never creates one of these.
 *
 * <p>Pipelined requests also see each other's effects as Go's one-request-at-a-time server
 * gives them: a request arriving while an earlier one is unanswered is deferred until it is,
 * except a write behind writes only (proposals apply in order, so it cannot be seen early).
 *
 * <p>Owned by the channel's event loop: every method must be called on it.
 */
final class ResponseOrder {
  private static final AttributeKey<ResponseOrder> KEY = AttributeKey.valueOf("etcdj.keys.responseOrder");

  /** Past this many deferred requests the connection stops reading until they drain. */
  private static final int MAX_DEFERRED = 64;

  private final ChannelHandlerContext ctx;
  private final KeysEndpoint endpoint;
  private final ArrayDeque<Slot> slots = new ArrayDeque<>();
  private final ArrayDeque<FullHttpRequest> deferred = new ArrayDeque<>();
  private int unfinished; // slots opened and not finished
  private int unfinishedReads; // of those, the ones that are not writes
  private boolean draining;
  private boolean pausedReading; // we turned auto-read off (and only we may turn it back on)
  private boolean closed; // a response asked to close the connection: nothing more is written
  private ChannelFuture lastWrite; // of a closing response; closing waits for it, so it is sent whole

  private ResponseOrder(ChannelHandlerContext ctx, KeysEndpoint endpoint) {
    this.ctx = ctx;
    this.endpoint = endpoint;
    ctx.channel().closeFuture().addListener(f -> ctx.executor().execute(this::dropAll));
  }

  /** The connection's order, or null when it has never had a deferred answer. */
  static ResponseOrder existing(ChannelHandlerContext ctx) {
    return ctx.channel().attr(KEY).get();
  }

  static ResponseOrder of(ChannelHandlerContext ctx, KeysEndpoint endpoint) {
    ResponseOrder order = ctx.channel().attr(KEY).get();
    if (order == null) {
      order = new ResponseOrder(ctx, endpoint);
      ctx.channel().attr(KEY).set(order);
    }
    return order;
  }

  /** Whether a request arriving now must wait for the ones before it (see the class comment). */
  static boolean mustDefer(ChannelHandlerContext ctx, boolean write) {
    ResponseOrder order = existing(ctx);
    return order != null && order.mustDefer(write);
  }

  private boolean mustDefer(boolean write) {
    return !deferred.isEmpty() || (write ? unfinishedReads > 0 : unfinished > 0);
  }

  /** Keeps {@code request} (owned from now on) until the earlier requests are answered. */
  void defer(FullHttpRequest request) {
    if (closed) {
      request.release();
      return;
    }
    deferred.add(request);
    if (deferred.size() >= MAX_DEFERRED && !pausedReading) {
      pausedReading = true;
      ctx.channel().config().setAutoRead(false);
    }
  }

  private void serveDeferred() {
    if (draining) {
      return; // a deferred request being served finished synchronously: the outer loop goes on
    }
    draining = true;
    try {
      while (!closed && !deferred.isEmpty() && !blocks(deferred.peekFirst())) {
        FullHttpRequest next = deferred.pollFirst();
        endpoint.serveNow(ctx, next);
      }
      if (pausedReading && deferred.size() < MAX_DEFERRED && !closed) {
        pausedReading = false;
        ctx.channel().config().setAutoRead(true);
      }
    } finally {
      draining = false;
    }
  }

  private boolean blocks(FullHttpRequest request) {
    return KeysEndpoint.isWrite(request) ? unfinishedReads > 0 : unfinished > 0;
  }

  /** Whether a response written now would go out right away (no earlier answer pending). */
  static boolean idle(ChannelHandlerContext ctx) {
    ResponseOrder order = existing(ctx);
    return order == null || order.slots.isEmpty();
  }

  /** Reserves the next place in the response order; {@code write}: a proposal, not a read. */
  Slot open(boolean keepAlive, boolean write) {
    Slot slot = new Slot(keepAlive, write);
    if (closed) {
      slot.dropped = true;
    } else {
      slots.add(slot);
      unfinished++;
      if (!write) {
        unfinishedReads++;
      }
    }
    return slot;
  }

  private void dropAll() {
    closed = true;
    for (Slot s : slots) {
      s.drop();
    }
    slots.clear();
    unfinished = 0;
    unfinishedReads = 0;
    deferred.forEach(FullHttpRequest::release);
    deferred.clear();
  }

  /**
   * The client shut its sending side down: answers still owed are written as usual (the channel
   * closes after the last, see ResponseSequencer), but the ones that would wait for the client
   * forever, watches, end now.
   */
  static void inputClosed(ChannelHandlerContext ctx) {
    ResponseOrder order = existing(ctx);
    if (order == null) {
      return;
    }
    for (Slot slot : List.copyOf(order.slots)) {
      Runnable action = slot.onInputClosed;
      if (action != null && !slot.finished && !slot.dropped) {
        slot.onInputClosed = null;
        action.run();
      }
    }
  }

  /** One response's place in the order. */
  final class Slot {
    private boolean keepAlive;
    private final boolean write;
    private List<Object> pending; // buffered while an earlier slot is still writing
    private boolean finished;
    private boolean dropped;
    private long pendingBytes;
    private Runnable onDrop;
    private Runnable onInputClosed;

    private Slot(boolean keepAlive, boolean write) {
      this.keepAlive = keepAlive;
      this.write = write;
    }

    /** Whether this slot writes straight to the channel. */
    boolean isHead() {
      return !dropped && slots.peekFirst() == this;
    }

    /** Whether the connection is gone or closing: writes are released, not sent. */
    boolean isDropped() {
      return dropped;
    }

    /** Runs {@code action} if the connection goes away before this slot is finished. */
    void onDrop(Runnable action) {
      onDrop = action;
    }

    /**
     * Runs {@code action} if the client shuts its sending side down before this slot is finished:
     * a watch then ends its answer, as etcd's does when Go sees the request's connection close.
     */
    void onInputClosed(Runnable action) {
      onInputClosed = action;
    }

    /** Bytes buffered behind earlier responses. */
    long pendingBytes() {
      return pendingBytes;
    }

    /** {@code msg}: an HttpObject, or a {@link WireResponse}; owned from now on. */
    void write(Object msg, int bytes) {
      write(msg, bytes, true);
    }

    /**
     * Like {@link #write(Object, int)}; without {@code flush} the message waits for the next
     * flushing write of this connection (a long-poll's event and its last chunk: one syscall).
     */
    void write(Object msg, int bytes, boolean flush) {
      if (dropped) {
        ReferenceCountUtil.release(msg);
      } else if (isHead()) {
        send(msg, flush);
      } else {
        if (pending == null) {
          pending = new ArrayList<>(4);
        }
        pending.add(msg);
        pendingBytes += bytes;
      }
    }

    /**
     * Only the write a close must wait for needs a promise of its own: a whole keep-alive response
     * takes the void one (a failure still reaches the pipeline, which closes). Parts of a watch
     * response keep theirs, since the watch may yet end by closing ({@link #finishAndClose}).
     */
    private void send(Object msg, boolean flush) {
      if (keepAlive && (msg instanceof WireResponse || msg instanceof FullHttpResponse)) {
        lastWrite = null;
        if (flush) {
          ctx.writeAndFlush(msg, ctx.voidPromise());
        } else {
          ctx.write(msg, ctx.voidPromise());
        }
      } else {
        lastWrite = flush ? ctx.writeAndFlush(msg) : ctx.write(msg);
      }
    }

    /** The response is complete; if this slot was the head, the next ones go out. */
    void finish() {
      if (finished || dropped) {
        return;
      }
      finished = true;
      unfinished--;
      if (!write) {
        unfinishedReads--;
      }
      if (isHead()) {
        advance();
      }
      serveDeferred();
    }

    /** Finishes and closes the connection after this response, whatever the request asked. */
    void finishAndClose() {
      keepAlive = false;
      finish();
    }

    private void drop() {
      dropped = true;
      if (pending != null) {
        pending.forEach(ReferenceCountUtil::release);
        pending = null;
      }
      Runnable action = onDrop;
      if (action != null) {
        onDrop = null;
        action.run();
      }
    }
  }

  /** Retires finished head slots and lets the next ones write what they have buffered. */
  private void advance() {
    while (!slots.isEmpty()) {
      Slot head = slots.peekFirst();
      if (head.pending != null) {
        for (Object msg : head.pending) {
          head.send(msg, false);
        }
        head.pending = null;
        head.pendingBytes = 0;
        ctx.flush();
      }
      if (!head.finished) {
        return;
      }
      slots.pollFirst();
      if (!head.keepAlive) {
        if (lastWrite == null) {
          // Nothing of this response was written with a promise: an empty write queued behind
          // what was, so the close still waits for the last byte.
          lastWrite = ctx.writeAndFlush(Unpooled.EMPTY_BUFFER);
        }
        lastWrite.addListener(ChannelFutureListener.CLOSE);
        dropAll();
        return;
      }
    }
  }
}
