package io.etcdj.raft.transport;

import com.google.protobuf.CodedOutputStream;
import io.etcdj.raft.transport.wire.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes a {@link Frame} as its 4-byte big-endian length and its protobuf bytes, straight into
 * one exactly-sized I/O buffer: the length prefix costs no second buffer and entry data is copied
 * once, from the log's arrays into the socket's buffer. Stateless, so one instance serves every
 * channel.
 */
@ChannelHandler.Sharable
final class FrameEncoder extends MessageToByteEncoder<Frame> {
  static final int LENGTH_BYTES = 4;

  private final int maxFrameBytes;

  FrameEncoder(int maxFrameBytes) {
    super(Frame.class);
    this.maxFrameBytes = maxFrameBytes;
  }

  /** What a frame costs on the wire; protobuf memoizes the size, so this is cheap to repeat. */
  static int wireBytes(Frame frame) {
    return LENGTH_BYTES + frame.getSerializedSize();
  }

  @Override
  protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Frame frame, boolean preferDirect) {
    return ctx.alloc().ioBuffer(wireBytes(frame));
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) throws Exception {
    int size = frame.getSerializedSize();
    if (size > maxFrameBytes) {
      throw new EncoderException("frame of " + size + " bytes exceeds " + maxFrameBytes);
    }
    out.writeInt(size);
    int at = out.writerIndex();
    out.ensureWritable(size);
    CodedOutputStream cos = CodedOutputStream.newInstance(out.nioBuffer(at, size));
    frame.writeTo(cos);
    cos.flush();
    out.writerIndex(at + size);
  }
}
