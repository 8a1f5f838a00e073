package io.etcdj.http.keys;

import io.etcdj.kvstore.Event;
import io.etcdj.kvstore.WatchListener;
import io.etcdj.kvstore.Watcher;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch response (handleKeyWatch): events are handed over by this event loop's
 * {@link LoopWatchers} pass and written as chunks of the shared event JSON, flushed once at the
 * end of the pass. A long-poll watch ends after its first event (the event and the last chunk
 * in one message); a stream stays open until the client leaves or stops reading.
 *
 * <p>Slow consumers: bytes written while the channel is not writable (or still queued behind an
 * earlier response) are counted; past {@link #MAX_QUEUED_BYTES} the response is ended explicitly
 * (last chunk, then close) and the watcher cancelled, so memory stays bounded and the client sees
 * the end of the stream rather than a silent gap, as etcd ends a watch whose channel overflows.
 *
 * <p>Threads: every method and every mutable field belongs to the channel's event loop (the
 * watcher is registered in that loop's group, which calls {@link #onEvent} there).
 */
final class WatchStream implements WatchListener {
  static final long MAX_QUEUED_BYTES = 1 << 20;

  private static final Logger log = LoggerFactory.getLogger(WatchStream.class);

  private final ChannelHandlerContext ctx;
  private final LoopWatchers loopWatchers;
  private final ResponseOrder.Slot slot;
  private final boolean stream;
  private final boolean chunked; // HTTP/1.1; an HTTP/1.0 body is ended by closing instead
  private final long maxQueuedBytes;
  // The HTTP codec's context, for writing framed chunks below its encoder; null when the
  // response is not chunked or the pipeline has no HTTP server codec (then: HttpContent messages).
  private final ChannelHandlerContext framedCtx;
  private Watcher watcher;
  private boolean ended;
  private boolean headWritten;
  private long queuedBytes;
  // Events handed over while registering (history hits), before the head is out: sent with the
  // head in one flush.
  private List<ByteBuf> early;

  WatchStream(ChannelHandlerContext ctx, LoopWatchers loopWatchers, ResponseOrder.Slot slot, boolean stream,
              boolean chunked, long maxQueuedBytes) {
    this.ctx = ctx;
    this.loopWatchers = loopWatchers;
    this.slot = slot;
    this.stream = stream;
    this.chunked = chunked;
    this.maxQueuedBytes = maxQueuedBytes;
    this.framedCtx = chunked ? codecContext(ctx) : null;
  }

  private static ChannelHandlerContext codecContext(ChannelHandlerContext ctx) {
    ChannelHandlerContext codec = ctx.pipeline().context(KeysServerCodec.class);
    return codec != null ? codec : ctx.pipeline().context(HttpServerCodec.class);
  }

  /** Event loop: during the loop's pass, or while registering for an event answered from history. */
  @Override
  public void onEvent(Event event) {
    ByteBuf json;
    try {
      json = loopWatchers.jsonOf(event);
    } catch (RuntimeException e) {
      log.warn("cannot encode watch event", e);
      ctx.executor().execute(this::endAndClose);
      return;
    }
    if (!headWritten) {
      if (early == null) {
        early = new ArrayList<>(1);
      }
      early.add(json);
      return;
    }
    if (framedCtx != null && slot.isHead()) {
      deliverFramed(loopWatchers.chunkOf(event));
    } else {
      deliver(json);
    }
    loopWatchers.flushSoon(ctx);
  }

  /**
   * Writes the event's ready-framed chunk (shared by this loop's watchers of it) below the HTTP
   * encoder: one buffer, no per-watcher chunk header. The encoder stays in its chunked state, so
   * the last chunk, written through it, still ends the response.
   */
  private void deliverFramed(ByteBuf chunk) {
    if (!admit(chunk.readableBytes())) {
      return;
    }
    framedCtx.write(chunk, framedCtx.voidPromise());
    if (!stream) {
      ended = true;
      cancelWatcher();
      slot.write(LastHttpContent.EMPTY_LAST_CONTENT, 0, false);
      slot.finish();
    }
  }

  /** Whether an event of {@code size} bytes may be written now (else the watch is, or has been, ended). */
  private boolean admit(int size) {
    if (ended) {
      return false;
    }
    if (slot.isDropped()) {
      clientGone();
      return false;
    }
    if (slot.isHead() && ctx.channel().isWritable()) {
      queuedBytes = 0;
    } else {
      queuedBytes += size;
    }
    if (queuedBytes > maxQueuedBytes) {
      log.debug("watch on {} ended: client not reading ({} bytes queued)", ctx.channel(), queuedBytes);
      endAndClose();
      return false;
    }
    return true;
  }

  /** Event loop: the watcher is registered; from now on a closing client cancels it. */
  void started(Watcher registered) {
    this.watcher = registered;
    if (ended || slot.isDropped()) {
      clientGone();
      return;
    }
    slot.onDrop(this::clientGone);
    slot.onInputClosed(this::inputClosed);
  }

  /** The client will send nothing more: end the answer (etcd sends the last chunk) and close. */
  private void inputClosed() {
    if (headWritten) {
      endAndClose();
    } else {
      clientGone();
      ctx.close();
    }
  }

  /** Event loop: writes the response head (already built by the caller) and any early events. */
  void writeHead(HttpObject head) {
    headWritten = true;
    List<ByteBuf> events = early;
    if (events == null) {
      slot.write(head, 0);
      return;
    }
    early = null;
    slot.write(head, 0, false);
    for (ByteBuf json : events) {
      deliver(json);
    }
    ctx.flush();
  }

  /** Writes one event without flushing; the caller flushes. */
  private void deliver(ByteBuf json) {
    int size = json.readableBytes();
    if (!admit(size)) {
      return;
    }
    if (stream) {
      slot.write(new DefaultHttpContent(json), size, false);
      return;
    }
    // A long-poll's event and its last chunk: one message, one encoding pass.
    ended = true;
    cancelWatcher();
    slot.write(new DefaultLastHttpContent(json), size, false);
    if (chunked) {
      slot.finish();
    } else {
      slot.finishAndClose();
    }
  }

  private void endAndClose() {
    if (ended) {
      return;
    }
    ended = true;
    cancelWatcher();
    slot.write(LastHttpContent.EMPTY_LAST_CONTENT, 0);
    slot.finishAndClose();
  }

  private void clientGone() {
    ended = true;
    cancelWatcher();
  }

  private void cancelWatcher() {
    Watcher w = watcher;
    if (w != null) {
      watcher = null;
      w.cancel();
    }
  }
}
