package io.etcdj.http.keys;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;

/**
 * Netty's header maps (same class, same validation) with fewer hash buckets than its default
 * sixteen: a client request carries a handful of headers, and the trailers Netty makes for every
 * request with a body are nearly always empty. Stateless; shared by every decoder.
 */
final class SizedHeadersFactory implements HttpHeadersFactory {
  /** Host, User-Agent, Accept-Encoding, Content-Type, Content-Length, ...: a few per bucket at most. */
  static final SizedHeadersFactory REQUEST_HEADERS = new SizedHeadersFactory(DefaultHttpHeadersFactory.headersFactory(), 8);
  static final SizedHeadersFactory TRAILERS = new SizedHeadersFactory(DefaultHttpHeadersFactory.trailersFactory(), 2);

  private final DefaultHttpHeadersFactory validation;
  private final int buckets;

  private SizedHeadersFactory(DefaultHttpHeadersFactory validation, int buckets) {
    this.validation = validation;
    this.buckets = buckets;
  }

  @Override public HttpHeaders newHeaders() {
    return new Sized(validation, buckets);
  }

  @Override public HttpHeaders newEmptyHeaders() {
    return validation.newEmptyHeaders();
  }

  /** DefaultHttpHeaders sizes its table only through this protected constructor. */
  private static final class Sized extends DefaultHttpHeaders {
    Sized(DefaultHttpHeadersFactory validation, int buckets) {
      super(validation.getNameValidator(), validation.getValueValidator(), buckets);
    }
  }
}
