package io.etcdj.http.keys;

/**
 * A request body Go's server could not read to its end (bad chunked framing, the connection
 * closed early, a form past 10 MiB), with Go's error text, which etcd shows as the cause of its
 * "Invalid POST form". Carried as the failed {@link io.netty.handler.codec.DecoderResult} of the
 * request's last content (Netty's way to say a message is broken), so it reaches the handler with
 * the request, in order. {@code closeHeader}: Go's answer says {@code Connection: close} (it
 * always closes after such a request; the header shows only when it decided so before answering).
 */
public final class GoBodyError extends RuntimeException {
  private final boolean closeHeader;

  GoBodyError(String goMessage, boolean closeHeader) {
    super(goMessage, null, false, false);
    this.closeHeader = closeHeader;
  }

  public boolean closeHeader() { return closeHeader; }
}
