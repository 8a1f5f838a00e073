package io.etcdj.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * The watch bench's writer: {@code puts} PUTs on one connection, back to back or paced at
 * {@code ratePerSecond}; each value starts with the send time (System.nanoTime) so the watchers
 * can time the notification. Records the index of every acknowledged PUT. Owned by its channel's
 * event loop; {@link #done} hands the result to the main thread.
 */
final class PutWriter extends SimpleChannelInboundHandler<FullHttpResponse> {
  /** The writer's outcome: the indexes of acknowledged PUTs, in order, and the failed count. */
  record Result(long[] indexes, long errors) {}

  private static final long GATE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long GATE_POLL_MICROS = 200;

  private final Target target;
  private final String[] paths;
  private final int valueSize;
  private final long puts;
  private final double ratePerSecond;
  final CompletableFuture<Result> done = new CompletableFuture<>();
  private long[] indexes = new long[1024];
  private int acked;
  private long errors;
  private long sent;
  private long startNanos;
  /** With --closed-loop: whether every watcher has seen an index; null sends back to back. */
  private final LongPredicate delivered;

  PutWriter(Target target, String[] paths, int valueSize, long puts, double ratePerSecond) {
    this(target, paths, valueSize, puts, ratePerSecond, null);
  }

  PutWriter(Target target, String[] paths, int valueSize, long puts, double ratePerSecond,
            LongPredicate delivered) {
    this.target = target;
    this.paths = paths;
    this.valueSize = valueSize;
    this.puts = puts;
    this.ratePerSecond = ratePerSecond;
    this.delivered = delivered;
  }

  @Override public void channelActive(ChannelHandlerContext ctx) {
    startNanos = System.nanoTime();
    sendNext(ctx);
  }

  private void sendNext(ChannelHandlerContext ctx) {
    if (sent >= puts) {
      done.complete(new Result(Arrays.copyOf(indexes, acked), errors));
      ctx.close();
      return;
    }
    if (ratePerSecond > 0) {
      long dueNanos = startNanos + (long) (sent * 1e9 / ratePerSecond);
      long wait = dueNanos - System.nanoTime();
      if (wait > 0) {
        ctx.executor().schedule(() -> send(ctx), wait, TimeUnit.NANOSECONDS);
        return;
      }
    }
    send(ctx);
  }

  private void send(ChannelHandlerContext ctx) {
    String path = paths[(int) (sent % paths.length)];
    sent++;
    ctx.writeAndFlush(Requests.putOwned(target, path, body(System.nanoTime(), valueSize)), ctx.voidPromise());
  }

  /** {@code value=<nanos>xxxx} padded to {@code valueSize} value bytes (never shorter than the number). */
  static ByteBuf body(long nanos, int valueSize) {
    String n = Long.toString(nanos);
    StringBuilder sb = new StringBuilder(6 + Math.max(valueSize, n.length())).append("value=").append(n);
    for (int i = n.length(); i < valueSize; i++) sb.append('x');
    return Unpooled.wrappedBuffer(sb.toString().getBytes(StandardCharsets.US_ASCII));
  }

  @Override protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
    if (response.status().code() / 100 == 2) {
      String index = response.headers().get("X-Etcd-Index");
      if (index != null) {
        if (acked == indexes.length) indexes = Arrays.copyOf(indexes, acked * 2);
        indexes[acked++] = Long.parseLong(index.trim());
        if (delivered != null) {
          awaitDelivery(ctx, indexes[acked - 1], System.nanoTime() + GATE_TIMEOUT_NANOS);
          return;
        }
      }
    } else {
      errors++;
    }
    sendNext(ctx);
  }

  /**
   * Closed loop: the next PUT waits until every watcher has the last one, so each event is
   * measured alone (no batching of several events into one delivery). A watcher that never
   * gets it (it was told 401 and re-listed, or lost its connection) holds the writer at most
   * GATE_TIMEOUT_NANOS.
   */
  private void awaitDelivery(ChannelHandlerContext ctx, long index, long deadlineNanos) {
    if (delivered.test(index) || System.nanoTime() > deadlineNanos) {
      sendNext(ctx);
      return;
    }
    ctx.executor().schedule(() -> awaitDelivery(ctx, index, deadlineNanos), GATE_POLL_MICROS, TimeUnit.MICROSECONDS);
  }

  @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    done.completeExceptionally(cause);
    ctx.close();
  }

  @Override public void channelInactive(ChannelHandlerContext ctx) {
    done.complete(new Result(Arrays.copyOf(indexes, acked), errors + (puts - sent)));
  }
}
