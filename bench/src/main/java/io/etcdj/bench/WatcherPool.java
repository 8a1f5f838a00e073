package io.etcdj.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;

/**
 * W watcher connections, one watcher each (HTTP/1.1 cannot multiplex long-polls), opened with a
 * bounded number of connects in flight so a 10,000-watcher run does not overflow the server's
 * accept backlog. Used from the main thread.
 */
final class WatcherPool implements AutoCloseable {
  private static final int CONNECTS_IN_FLIGHT = 256;

  private final List<Channel> channels = new ArrayList<>();
  private final CountDownLatch armed;
  private volatile boolean running = true;
  private int connectFailures;

  private WatcherPool(int watchers) {
    this.armed = new CountDownLatch(watchers);
  }

  static WatcherPool open(NettyTransport transport, List<Target> targets, String keysPath,
                          boolean stream, boolean useWaitIndex, WatchAccounting accounting,
                          Recorder latencyUs) throws InterruptedException {
    int watchers = accounting.watchers();
    WatcherPool pool = new WatcherPool(watchers);
    Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
    for (int w = 0; w < watchers; w++) {
      inFlight.acquire();
      int id = w;
      Target target = targets.get(w % targets.size());
      ChannelFuture f = transport.bootstrap()
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new HttpClientCodec(), new WatcherHandler(id, target, keysPath,
                  stream, useWaitIndex, accounting, latencyUs, pool.armed, () -> pool.running));
            }
          })
          .connect(target.host(), target.port());
      f.addListener(done -> {
        inFlight.release();
        if (!done.isSuccess()) {
          synchronized (pool) {
            pool.connectFailures++;
          }
          pool.armed.countDown();
        }
      });
      pool.channels.add(f.channel());
    }
    return pool;
  }

  /** Waits until every watcher's first request was answered with headers (registered), or the timeout. */
  long awaitArmed(long timeoutMillis) throws InterruptedException {
    armed.await(timeoutMillis, TimeUnit.MILLISECONDS);
    return armed.getCount();
  }

  synchronized int connectFailures() { return connectFailures; }

  @Override public void close() {
    running = false;
    List<ChannelFuture> closing = new ArrayList<>(channels.size());
    for (Channel c : channels) closing.add(c.close());
    for (ChannelFuture f : closing) f.awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
