package io.etcdj.client;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads a stream watch's body line by line (one JSON event a line) and hands each event to the
 * listener. Called by the HTTP client's threads, one call at a time (Flow's rule).
 */
final class EventLineSubscriber implements Flow.Subscriber<String> {
  private final ResponseDecoder decoder;
  private final StreamWatchListener listener;
  private final AtomicReference<Flow.Subscription> subscription;
  private volatile boolean closed;

  EventLineSubscriber(ResponseDecoder decoder, StreamWatchListener listener,
                      AtomicReference<Flow.Subscription> subscription) {
    this.decoder = decoder;
    this.listener = listener;
    this.subscription = subscription;
  }

  void close() { closed = true; }

  boolean closed() { return closed; }

  @Override public void onSubscribe(Flow.Subscription s) {
    subscription.set(s);
    if (closed) {
      s.cancel();
    } else {
      s.request(Long.MAX_VALUE);
    }
  }

  @Override public void onNext(String line) {
    if (closed || line.isBlank()) return;
    try {
      listener.onEvent(decoder.streamEvent(line));
    } catch (RuntimeException e) {
      listener.onError(e);
    }
  }

  @Override public void onError(Throwable t) {
    if (!closed) listener.onError(t);
  }

  @Override public void onComplete() {
    if (!closed) listener.onClose();
  }
}
