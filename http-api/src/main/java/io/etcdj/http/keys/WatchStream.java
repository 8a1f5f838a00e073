package io.etcdj.http.keys;

import io.etcdj.kvstore.Event;
import io.etcdj.kvstore.WatchListener;
import io.etcdj.kvstore.Watcher;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch response (handleKeyWatch): events arrive from the store's apply thread, are handed to
 * the channel's event loop and written as chunks of the shared event JSON. A long-poll watch ends
 * after its first event; a stream stays open until the client leaves or stops reading.
 *
 * <p>Slow consumers: bytes written while the channel is not writable (or still queued behind an
 * earlier response) are counted; past {@link #MAX_QUEUED_BYTES} the response is ended explicitly
 * (last chunk, then close) and the watcher cancelled, so memory stays bounded and the client sees
 * the end of the stream rather than a silent gap, as etcd ends a watch whose channel overflows.
 *
 * <p>Threads: {@link #onEvent} runs on the apply thread and only hands off; every other method and
 * every mutable field belongs to the channel's event loop.
 */
final class WatchStream implements WatchListener {
  static final long MAX_QUEUED_BYTES = 1 << 20;

  private static final Logger log = LoggerFactory.getLogger(WatchStream.class);

  private final Channel channel;
  private final EventExecutor loop;
  private final ResponseOrder.Slot slot;
  private final boolean stream;
  private final boolean chunked; // HTTP/1.1; an HTTP/1.0 body is ended by closing instead
  private final EventBytes eventBytes;
  private final long maxQueuedBytes;
  private Watcher watcher;
  private ChannelFutureListener onClose; // removed when the watch ends: keep-alive connections outlive many watches
  private boolean ended;
  private boolean headWritten;
  private long queuedBytes;
  // A long-poll's event handed over by the store while registering (a history hit), on this event
  // loop: sent with the head and the last chunk in one flush instead of three.
  private ByteBuf early;

  WatchStream(ChannelHandlerContext ctx, ResponseOrder.Slot slot, boolean stream, boolean chunked,
              EventBytes eventBytes, long maxQueuedBytes) {
    this.channel = ctx.channel();
    this.loop = ctx.executor();
    this.slot = slot;
    this.stream = stream;
    this.chunked = chunked;
    this.eventBytes = eventBytes;
    this.maxQueuedBytes = maxQueuedBytes;
  }

  /** Apply thread (or the registering thread, for an event answered from history). */
  @Override
  public void onEvent(Event event) {
    ByteBuf json;
    try {
      json = eventBytes.jsonOf(event);
    } catch (RuntimeException e) {
      log.warn("cannot encode watch event", e);
      loop.execute(this::endAndClose);
      return;
    }
    if (!stream && !headWritten && watcher == null && loop.inEventLoop()) {
      early = json;
      return;
    }
    loop.execute(() -> deliver(json));
  }

  /** Event loop: the watcher is registered; from now on a closing client cancels it. */
  void started(Watcher registered) {
    this.watcher = registered;
    if (ended) {
      registered.cancel();
      return;
    }
    onClose = f -> loop.execute(this::clientGone);
    channel.closeFuture().addListener(onClose);
  }

  /** Event loop: writes the response head (already built by the caller). */
  void writeHead(HttpObject head) {
    headWritten = true;
    ByteBuf event = early;
    if (event == null) {
      slot.write(head, 0);
      return;
    }
    early = null;
    slot.write(head, 0, false);
    deliver(event);
  }

  private void deliver(ByteBuf json) {
    if (ended) {
      return;
    }
    if (slot.isDropped()) {
      clientGone();
      return;
    }
    int size = json.readableBytes();
    if (slot.isHead() && channel.isWritable()) {
      queuedBytes = 0;
    } else {
      queuedBytes += size;
    }
    if (queuedBytes > maxQueuedBytes) {
      log.debug("watch on {} ended: client not reading ({} bytes queued)", channel, queuedBytes);
      endAndClose();
      return;
    }
    // A long-poll's event goes out with its last chunk in one flush (end() flushes).
    slot.write(new DefaultHttpContent(json), size, stream);
    if (!stream) {
      end();
    }
  }

  /** The response is complete: last chunk, watcher gone, connection reusable (HTTP/1.1). */
  private void end() {
    ended = true;
    cancelWatcher();
    slot.write(LastHttpContent.EMPTY_LAST_CONTENT, 0);
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
      w.cancel();
    }
    if (onClose != null) {
      channel.closeFuture().removeListener(onClose);
      onClose = null;
    }
  }
}
