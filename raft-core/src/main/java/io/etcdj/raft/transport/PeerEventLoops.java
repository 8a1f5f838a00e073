package io.etcdj.raft.transport;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transport's own event loops, apart from the client HTTP server's, so a burst of client
 * traffic never delays a heartbeat. Epoll where the native library loads, NIO elsewhere; the
 * channel classes match the loops.
 */
final class PeerEventLoops {
  private static final boolean EPOLL = Epoll.isAvailable();

  private final EventLoopGroup group;

  PeerEventLoops(String threadPrefix, int threads) {
    this.group = new MultiThreadIoEventLoopGroup(threads, threadFactory(threadPrefix), ioHandler());
  }

  EventLoopGroup group() { return group; }

  /** Which I/O the loops use, for the log. */
  static String kind() { return EPOLL ? "epoll" : "nio"; }

  /** A loop to own a new peer's outbound state. */
  EventLoop next() { return group.next(); }

  static Class<? extends SocketChannel> socketChannel() {
    return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  static Class<? extends ServerChannel> serverChannel() {
    return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  /**
   * Stops the loops at once (no quiet period: everything was closed already) and waits for the
   * threads to end, so the caller may rebind the same ports. Must not be called on one of them.
   */
  void shutdown(Duration wait) {
    group.shutdownGracefully(0, wait.toMillis(), TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(wait.toMillis() + 1000);
  }

  boolean inEventLoop() {
    for (var executor : group) {
      if (executor.inEventLoop()) {
        return true;
      }
    }
    return false;
  }

  private static IoHandlerFactory ioHandler() {
    return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
  }

  private static ThreadFactory threadFactory(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new FastThreadLocalThread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
