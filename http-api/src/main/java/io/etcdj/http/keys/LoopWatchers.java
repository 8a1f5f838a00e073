package io.etcdj.http.keys;

import io.etcdj.kvstore.StoreReader;
import io.etcdj.kvstore.WatchGroup;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;

/**
 * The watchers of one event loop: a {@link WatchGroup} whose consumer is that loop, so an event
 * costs the loop one task and one pass over its own watchers, however many it has. During the
 * pass each watcher writes its chunk without flushing and asks to be flushed; at the end of the
 * pass every such connection is flushed once (one syscall per connection per pass).
 *
 * <p>Threads: {@code toFlush} belongs to the event loop; {@link #execute} is called from the
 * store's apply thread.
 */
final class LoopWatchers implements WatchGroup.Consumer {
  private final EventExecutor loop;
  private final WatchGroup group;
  private final ArrayList<ChannelHandlerContext> toFlush = new ArrayList<>();
  private boolean inPass;

  LoopWatchers(EventExecutor loop, StoreReader store) {
    this.loop = loop;
    this.group = store.newWatchGroup(this);
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
