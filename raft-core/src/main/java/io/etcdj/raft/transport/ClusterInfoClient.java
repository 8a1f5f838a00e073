package io.etcdj.raft.transport;

import io.etcdj.raft.transport.wire.Frame;
import io.etcdj.raft.transport.wire.WireLane;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks an existing member for the cluster's description, for a member joining with
 * {@code --initial-cluster-state existing} that knows neither the cluster id nor the members
 * (etcd's GET /members on the peer URL). A short-lived connection with a Hello that names only
 * the lane. Each call runs on an event loop of its own, shut down when the answer (or the
 * timeout) arrives: a joining member asks once or a few times, and nothing lingers after.
 */
final class ClusterInfoClient {
  /** Far above any members list; only guards against a peer that is not one of us. */
  private static final int MAX_INFO_BYTES = 64 << 20;

  private ClusterInfoClient() { }

  static CompletableFuture<byte[]> fetch(URI peerUrl, ChannelSecurity security, Duration timeout) {
    CompletableFuture<byte[]> answer = new CompletableFuture<>();
    PeerEventLoops loops = new PeerEventLoops("etcdj-peer-info-", 1);
    answer.whenComplete((v, e) -> loops.group().shutdownGracefully(0, 1, TimeUnit.SECONDS));
    try {
      Bootstrap bootstrap = new Bootstrap()
          .group(loops.group())
          .channel(PeerEventLoops.socketChannel())
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()))
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              security.secureDialed(ch, peerUrl);
              ch.pipeline().addLast(new FrameDecoder(MAX_INFO_BYTES),
                  new FrameEncoder(MAX_INFO_BYTES), new Answer(answer));
            }
          });
      loops.next().schedule(() -> answer.completeExceptionally(
          new TimeoutException("no cluster info from " + peerUrl + " within " + timeout)),
          timeout.toNanos(), TimeUnit.NANOSECONDS);
      bootstrap.connect(peerUrl.getHost(), peerUrl.getPort()).addListener(f -> {
        Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
        if (f.isSuccess()) {
          ch.writeAndFlush(Frames.hello(0, 0, 0, WireLane.LANE_CLUSTER_INFO));
          answer.whenComplete((v, e) -> ch.close());
        } else {
          answer.completeExceptionally(new IOException("cannot reach " + peerUrl, f.cause()));
          ch.close();
        }
      });
    } catch (RuntimeException e) {
      answer.completeExceptionally(e);
    }
    return answer;
  }

  /** Completes the answer with the first frame the member sends back. */
  private static final class Answer extends SimpleChannelInboundHandler<InboundFrame> {
    private final CompletableFuture<byte[]> answer;

    Answer(CompletableFuture<byte[]> answer) { this.answer = answer; }

    @Override
    protected void channelRead0(ChannelHandlerContext c, InboundFrame in) {
      Frame frame = in.frame();
      switch (frame.getBodyCase()) {
        case CLUSTER_INFO -> answer.complete(frame.getClusterInfo().getInfo().toByteArray());
        case GOODBYE -> answer.completeExceptionally(
            new IOException("refused: " + frame.getGoodbye().getReason()));
        default -> answer.completeExceptionally(
            new IOException("unexpected answer " + frame.getBodyCase()));
      }
      c.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) {
      answer.completeExceptionally(new IOException("connection closed before an answer"));
      c.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
      answer.completeExceptionally(cause);
      c.close();
    }
  }
}
