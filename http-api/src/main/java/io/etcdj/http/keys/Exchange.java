package io.etcdj.http.keys;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** What a response needs to know about its request once the request buffer is released. */
record Exchange(HttpVersion version, boolean keepAlive, boolean head) {
  static Exchange of(FullHttpRequest request) {
    return new Exchange(request.protocolVersion(), HttpUtil.isKeepAlive(request),
        HttpMethod.HEAD.equals(request.method()));
  }
}
