package io.etcdj.http;

import io.etcdj.http.keys.KeyAccess;
import io.etcdj.http.keys.KeysEndpoint;
import io.etcdj.server.KeysBackend;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/** Serves /v2/keys: parses the request into a read, watch or write and answers as etcd does. */
public final class KeysHandler {
  private final KeysEndpoint endpoint;

  public KeysHandler(KeysBackend backend) {
    this(backend, KeyAccess.OPEN);
  }

  /** Every request checked with {@code access} (the v2 auth gate) once parsed. */
  public KeysHandler(KeysBackend backend, KeyAccess access) {
    this.endpoint = new KeysEndpoint(backend, access);
  }

  /**
   * Handles one request whose path starts with /v2/keys. Takes ownership of {@code request}
   * (releases it). Called on the channel's event loop.
   */
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
    endpoint.handle(ctx, request);
  }

  /** The client shut its sending side down; on the channel's event loop. */
  public void inputClosed(ChannelHandlerContext ctx) {
    endpoint.inputClosed(ctx);
  }
}
