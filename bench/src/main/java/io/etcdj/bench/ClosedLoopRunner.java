package io.etcdj.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs N closed-loop connections over the targets (round robin) until the duration ends or the
 * request source runs dry. The calling thread only waits and flips the run's phases.
 */
final class ClosedLoopRunner {
  private final NettyTransport transport;

  ClosedLoopRunner(NettyTransport transport) {
    this.transport = transport;
  }

  /**
   * @param duration how long to measure after the warmup; null runs until {@code source} returns
   *     null on every connection
   */
  LoadResult run(List<Target> targets, int conns, RequestSource source, Duration warmup,
                 Duration duration) throws InterruptedException {
    boolean warm = warmup != null && !warmup.isZero();
    LoadRun run = new LoadRun(warm);
    CountDownLatch finished = new CountDownLatch(conns);
    List<Channel> channels = new ArrayList<>(conns);
    for (int i = 0; i < conns; i++) {
      Target target = targets.get(i % targets.size());
      ChannelFuture f = transport.bootstrap()
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override protected void initChannel(SocketChannel ch) {
              // no encoder: requests are written already encoded (Requests.encodedPut/encodedGet)
              ch.pipeline().addLast(new HttpResponseDecoder(),
                  new ClosedLoopHandler(run, source, target, finished));
            }
          })
          .connect(target.host(), target.port());
      f.addListener(done -> {
        if (!done.isSuccess()) {
          run.transportError();
          finished.countDown();
        }
      });
      channels.add(f.channel());
    }
    if (warm) {
      if (finished.await(warmup.toNanos(), TimeUnit.NANOSECONDS)) {
        run.stop();
        return run.result();
      }
      run.startMeasuring();
    }
    if (duration == null) {
      finished.await();
      run.stop();
    } else {
      finished.await(duration.toNanos(), TimeUnit.NANOSECONDS);
      run.stop();
      // answers still in flight are not counted; give them a moment, then cut the connections
      if (!finished.await(2, TimeUnit.SECONDS)) {
        channels.forEach(Channel::close);
        finished.await(5, TimeUnit.SECONDS);
      }
    }
    return run.result();
  }
}
