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
 * accept backlog. Used from the main thread (which alone opens, replaces and closes channels).
 */
final class WatcherPool implements AutoCloseable {
  private static final int CONNECTS_IN_FLIGHT = 256;

  private final List<Channel> channels = new ArrayList<>();
  private final CountDownLatch armed;
  private final Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
  private final NettyTransport transport;
  private final List<Target> targets;
  private final String keysPath;
  private final boolean stream;
  private final WatchAccounting accounting;
  private final Recorder latencyUs;
  private volatile boolean running = true;
  private int connectFailures;

  private WatcherPool(NettyTransport transport, List<Target> targets, String keysPath, boolean stream,
                      WatchAccounting accounting, Recorder latencyUs) {
    this.armed = new CountDownLatch(accounting.watchers());
    this.transport = transport;
    this.targets = targets;
    this.keysPath = keysPath;
    this.stream = stream;
    this.accounting = accounting;
    this.latencyUs = latencyUs;
  }

  static WatcherPool open(NettyTransport transport, List<Target> targets, String keysPath,
                          boolean stream, boolean useWaitIndex, WatchAccounting accounting,
                          Recorder latencyUs) throws InterruptedException {
    WatcherPool pool = new WatcherPool(transport, targets, keysPath, stream, accounting, latencyUs);
    for (int w = 0; w < accounting.watchers(); w++) {
      pool.channels.add(pool.connect(w, useWaitIndex, pool.armed));
    }
    return pool;
  }

  private Channel connect(int id, boolean useWaitIndex, CountDownLatch armedLatch) throws InterruptedException {
    inFlight.acquire();
    Target target = targets.get(id % targets.size());
    ChannelFuture f = transport.bootstrap()
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpClientCodec(), new WatcherHandler(id, target, keysPath,
                stream, useWaitIndex, accounting, latencyUs, armedLatch, () -> running));
          }
        })
        .connect(target.host(), target.port());
    f.addListener(done -> {
      inFlight.release();
      if (!done.isSuccess()) {
        synchronized (this) {
          connectFailures++;
        }
        armedLatch.countDown();
      }
    });
    return f.channel();
  }

  /**
   * Drops watcher {@code id}'s connection as a client that goes away would, and opens a new one
   * that re-arms at the watcher's next index (so the events in between come from the server's
   * history, and a missed one is the server's fault). Returns once the old connection is closed.
   */
  void reconnect(int id) throws InterruptedException {
    channels.get(id).close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    channels.set(id, connect(id, true, new CountDownLatch(1)));
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
