package io.etcdj.http.keys;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A whole HTTP response already in wire bytes (status line, headers, body), so answering a
 * request builds no response object, header map or number strings. {@link KeysServerCodec}
 * writes it past its encoder; a pipeline without that codec never gets one (see
 * {@link KeysServerCodec#isIn}). Like any message, it belongs to whoever holds it: the writer
 * until it is written, then the channel.
 */
public final class WireResponse extends DefaultByteBufHolder {
  WireResponse(ByteBuf bytes) {
    super(bytes);
  }
}
