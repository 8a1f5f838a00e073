package io.etcdj.http.keys;

import io.etcdj.kvstore.Event;
import io.etcdj.kvstore.StoreReader;
import io.etcdj.kvstore.WatchGroup;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.EventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/**
 * The watchers of one event loop: a {@link WatchGroup} whose consumer is that loop, so an event
 * costs the loop one task and one pass over its own watchers, however many it has. During the
 * pass each watcher writes its chunk without flushing and asks to be flushed; at the end of the
 * pass every such connection is flushed once (one syscall per connection per pass).
 *
 * <p>Threads: {@code toFlush}, {@code inPass} and the last event's encoding belong to the event loop; {@link #execute} is called from the
 * store's apply thread.
 */
final class LoopWatchers implements WatchGroup.Consumer {
  private final EventExecutor loop;
  private final WatchGroup group;
  private final ArrayList<ChannelHandlerContext> toFlush = new ArrayList<>();
  private boolean inPass;
  private final EventBytes eventBytes;
  // This loop's last encoded event: its watchers of one event share one encoding even while
  // another loop's pass is at a different event (the shared EventBytes keeps only one).
  private Event lastEvent;
  private ByteBuf lastJson;
  private ByteBuf lastChunk; // lastJson framed as a chunk, made on first use

  LoopWatchers(EventExecutor loop, StoreReader store, EventBytes eventBytes) {
    this.loop = loop;
    this.eventBytes = eventBytes;
    this.group = store.newWatchGroup(this);
  }

  /** Event loop: a duplicate of {@code event}'s shared client JSON (see {@link EventBytes#jsonOf}). */
  ByteBuf jsonOf(Event event) {
    if (event != lastEvent) {
      lastJson = eventBytes.jsonOf(event);
      lastEvent = event;
      lastChunk = null;
    }
    return lastJson.duplicate();
  }

  /** Event loop: {@code event}'s JSON framed as one HTTP/1.1 chunk (size line, data, CRLF), shared. */
  ByteBuf chunkOf(Event event) {
    ByteBuf json = jsonOf(event);
    if (lastChunk == null) {
      byte[] size = (Integer.toHexString(json.readableBytes()) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      byte[] framed = new byte[size.length + json.readableBytes() + 2];
      System.arraycopy(size, 0, framed, 0, size.length);
      json.getBytes(json.readerIndex(), framed, size.length, json.readableBytes());
      framed[framed.length - 2] = '\r';
      framed[framed.length - 1] = '\n';
      lastChunk = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(framed));
    }
    return lastChunk.duplicate();
  }

  /** Event loop: the group to register this loop's watchers in. */
  WatchGroup group() {
    return group;
  }

  /** Event loop: flushes {@code ctx} at the end of the current pass, or now outside a pass. */
  void flushSoon(ChannelHandlerContext ctx) {
    if (inPass) {
      // A stream's events of one pass come one after another: one flush for all of them. (A
      // connection listed twice apart costs a second flush with nothing to write: no syscall.)
      if (toFlush.isEmpty() || toFlush.get(toFlush.size() - 1) != ctx) {
        toFlush.add(ctx);
      }
    } else {
      ctx.flush();
    }
  }


  @Override public boolean inConsumerThread() {
    return loop.inEventLoop();
  }

  @Override public void execute(Runnable task) {
    loop.execute(task);
  }

  @Override public void passStarted() {
    inPass = true;
  }

  @Override public void passEnded() {
    inPass = false;
    for (int i = 0; i < toFlush.size(); i++) {
      toFlush.get(i).flush();
    }
    toFlush.clear();
  }
}
