package io.etcdj.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/** Serves /v2/keys: parses the request into a read, watch or write and answers as etcd does. */
public final class KeysHandler {
  public KeysHandler(ClientBackend backend) { }

  /**
   * Handles one request whose path starts with /v2/keys. Takes ownership of {@code request}
   * (releases it). Called on the channel's event loop.
   */
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
    throw new UnsupportedOperationException("skeleton");
  }
}
