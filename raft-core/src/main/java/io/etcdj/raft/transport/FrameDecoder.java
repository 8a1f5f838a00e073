package io.etcdj.raft.transport;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnsafeByteOperations;
import io.etcdj.raft.transport.wire.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Splits the stream at each 4-byte length prefix and parses the frame, handing on an
 * {@link InboundFrame}. A frame longer than the limit closes the connection (by the decoder's
 * exception): the peer is misconfigured or not one of us. One instance per channel.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {

  FrameDecoder(int maxFrameBytes) {
    super(maxFrameBytes + FrameEncoder.LENGTH_BYTES, 0, FrameEncoder.LENGTH_BYTES, 0,
        FrameEncoder.LENGTH_BYTES);
  }

  @Override
  protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
    ByteBuf body = (ByteBuf) super.decode(ctx, in);
    if (body == null) {
      return null;
    }
    try {
      int wireBytes = FrameEncoder.LENGTH_BYTES + body.readableBytes();
      // Protobuf aliases byte fields only into an array it may treat as immutable: a heap
      // buffer's own array (kept alive by the InboundFrame until the handler is done), or, for
      // a direct buffer, the one copy of the frame unsafeWrap makes. Either way entry data is
      // then copied once more, into the records' arrays, and not a third time.
      CodedInputStream input = UnsafeByteOperations.unsafeWrap(body.nioBuffer()).newCodedInput();
      input.enableAliasing(true);
      Frame frame = Frame.parseFrom(input);
      return new InboundFrame(frame, body, wireBytes);
    } catch (Exception e) {
      body.release();
      throw e;
    }
  }
}
