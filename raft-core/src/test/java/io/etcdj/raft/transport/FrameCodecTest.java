package io.etcdj.raft.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.raft.transport.wire.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

  @Test
  void framesSplitAnywhereComeOutWhole() {
    EmbeddedChannel out = new EmbeddedChannel(new FrameEncoder(1 << 20));
    Frame a = Frames.message(WireCodec.encode(TestMessages.append(1, 2, 5)));
    Frame b = Frames.ping(42);
    out.writeOutbound(a, b);
    ByteBuf wire = Unpooled.buffer();
    for (ByteBuf buf; (buf = out.readOutbound()) != null; ) {
      wire.writeBytes(buf);
      buf.release();
    }
    assertThat(wire.readableBytes()).isEqualTo(FrameEncoder.wireBytes(a) + FrameEncoder.wireBytes(b));

    EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(1 << 20));
    while (wire.isReadable()) {
      in.writeInbound(wire.readRetainedSlice(Math.min(3, wire.readableBytes())));
    }
    wire.release();

    InboundFrame first = in.readInbound();
    InboundFrame second = in.readInbound();
    assertThat(first.frame()).isEqualTo(a);
    assertThat(first.wireBytes()).isEqualTo(FrameEncoder.wireBytes(a));
    assertThat(second.frame()).isEqualTo(b);
    assertThat((Object) in.readInbound()).isNull();
    first.release();
    second.release();
  }

  @Test
  void frameAboveTheLimitIsRefused() {
    EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(16));
    ByteBuf wire = Unpooled.buffer().writeInt(1000).writeZero(1000);

    assertThatThrownBy(() -> in.writeInbound(wire)).isInstanceOf(TooLongFrameException.class);
  }
}
