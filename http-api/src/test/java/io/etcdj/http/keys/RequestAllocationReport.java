package io.etcdj.http.keys;

import io.etcdj.kvstore.Store;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.util.ReferenceCountUtil;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * Not a test: prints the bytes the calling thread allocates per /v2/keys PUT and GET through
 * the production codec, an aggregator and {@link KeysEndpoint} on an EmbeddedChannel, the
 * store applied on the same thread (so PUT figures include the apply's share). Counts bytes,
 * not time, so it is stable on a busy machine. Run:
 * {@code java -cp <test classpath> io.etcdj.http.keys.RequestAllocationReport}
 */
public final class RequestAllocationReport {
  private static final int KEYS = 10_000;

  public static void main(String[] args) {
    Store store = Store.etcdV2(1000);
    KeysEndpoint endpoint = new KeysEndpoint(new DirectBackend(store, Runnable::run));
    EmbeddedChannel ch = new EmbeddedChannel(new KeysServerCodec(),
        new HttpObjectAggregator(8 << 20), new ChannelInboundHandlerAdapter() {
          @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
            endpoint.handle(ctx, (FullHttpRequest) msg);
          }
        });
    String value = "v".repeat(256);
    byte[][] puts = new byte[KEYS][];
    byte[][] gets = new byte[KEYS][];
    for (int i = 0; i < KEYS; i++) {
      String body = "value=" + value;
      puts[i] = ("PUT /v2/keys/bench/k" + i + " HTTP/1.1\r\nHost: 127.0.0.1:35379\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
          .getBytes(StandardCharsets.US_ASCII);
      gets[i] = ("GET /v2/keys/bench/k" + i + " HTTP/1.1\r\nHost: 127.0.0.1:35379\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);
    }
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    for (int r = 0; r < rounds; r++) {
      run(ch, puts);
      run(ch, gets);
    }
    System.out.printf("PUT %,d B/op%n", run(ch, puts) / KEYS);
    System.out.printf("GET %,d B/op%n", run(ch, gets) / KEYS);
  }

  private static long run(EmbeddedChannel ch, byte[][] requests) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    for (byte[] request : requests) {
      ByteBuf in = ch.alloc().directBuffer(request.length);
      in.writeBytes(request);
      ch.writeInbound(in);
      ch.runPendingTasks();
      for (Object out = ch.readOutbound(); out != null; out = ch.readOutbound()) {
        ReferenceCountUtil.release(out);
      }
    }
    return threads.getCurrentThreadAllocatedBytes() - before;
  }
}
