package io.etcdj.raft.transport;

import io.etcdj.raft.transport.wire.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;

/**
 * A decoded frame and the network buffer its byte fields may still point into (the decoder
 * parses with aliasing; see {@link FrameDecoder}). The buffer is released with this object, which
 * the handler that reads it does after it is done ({@code SimpleChannelInboundHandler} releases
 * what it was handed).
 */
final class InboundFrame extends AbstractReferenceCounted {
  private final Frame frame;
  private final ByteBuf backing;
  private final int wireBytes;

  InboundFrame(Frame frame, ByteBuf backing, int wireBytes) {
    this.frame = frame;
    this.backing = backing;
    this.wireBytes = wireBytes;
  }

  /** Valid only until this object is released: its byte fields may alias the buffer. */
  Frame frame() { return frame; }

  /** Bytes the frame took on the wire, its length prefix included. */
  int wireBytes() { return wireBytes; }

  @Override
  protected void deallocate() { backing.release(); }

  @Override
  public ReferenceCounted touch(Object hint) {
    backing.touch(hint);
    return this;
  }
}
