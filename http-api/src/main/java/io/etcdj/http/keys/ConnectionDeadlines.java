package io.etcdj.http.keys;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * How long a client connection may hold the server without a request to show for it: a request
 * head must arrive whole within {@link #HEADER_READ_TIMEOUT_MS} of the first read that left it
 * partial (nearly Go's
 * Server.ReadHeaderTimeout; one byte a second cannot hold a connection and its buffer for
 * ever), and a connection with nothing in flight (no request unanswered, no watch stream open,
 * no partial request) is closed after {@link #IDLE_TIMEOUT_MS} (Go's IdleTimeout). etcd 3.4 sets
 * neither (its http.Server has no timeouts); these are etcdj's. Both close without an answer,
 * as Go does when a read times out. One timer per connection, re-armed only when it fires or a
 * head stays partial after a read (a head that comes whole in one read, nearly every one, touches
 * no timer). Owned by the channel's event loop.
 */
public final class ConnectionDeadlines {
  /** The request head's deadline from its first byte (a member reads -Detcdj.headerReadTimeoutMs). */
  public static final long HEADER_READ_TIMEOUT_MS = 10_000;
  /** An idle keep-alive connection's lifetime (a member reads -Detcdj.idleTimeoutMs). */
  public static final long IDLE_TIMEOUT_MS = 300_000;

  private final long headerNanos;
  private final long idleNanos;
  private final BooleanSupplier busy; // a request or response is in flight
  private final Consumer<String> limitHit;
  private ChannelHandlerContext ctx;
  private ScheduledFuture<?> check;
  private long checkAtNanos;
  private long headStartedNanos; // 0: no head being read
  private long lastActivityNanos;

  ConnectionDeadlines(long headerReadTimeoutMs, long idleTimeoutMs, BooleanSupplier busy, Consumer<String> limitHit) {
    this.headerNanos = TimeUnit.MILLISECONDS.toNanos(headerReadTimeoutMs);
    this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleTimeoutMs);
    this.busy = busy;
    this.limitHit = limitHit;
  }

  void start(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    lastActivityNanos = System.nanoTime();
    arm(lastActivityNanos + idleNanos);
  }

  void stop() {
    if (check != null) {
      check.cancel(false);
      check = null;
    }
  }

  /** Bytes were read or a whole answer written. */
  void activity() {
    lastActivityNanos = System.nanoTime();
  }

  void headStarted() {
    if (headStartedNanos == 0) {
      headStartedNanos = System.nanoTime();
      long deadline = headStartedNanos + headerNanos;
      if (check == null || checkAtNanos - deadline > 0) {
        arm(deadline);
      }
    }
  }

  void headEnded() {
    headStartedNanos = 0;
  }

  private void arm(long atNanos) {
    if (ctx == null) {
      return;
    }
    if (check != null) {
      check.cancel(false);
    }
    checkAtNanos = atNanos;
    check = ctx.executor().schedule(this::fire, Math.max(0, atNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  private void fire() {
    check = null;
    if (!ctx.channel().isActive()) {
      return;
    }
    long now = System.nanoTime();
    if (headStartedNanos != 0 && now - headStartedNanos >= headerNanos) {
      close("header_read_timeout");
      return;
    }
    boolean idle = headStartedNanos == 0 && !busy.getAsBoolean();
    if (idle && now - lastActivityNanos >= idleNanos) {
      close("idle_timeout");
      return;
    }
    long next = idle ? lastActivityNanos + idleNanos : now + idleNanos;
    if (headStartedNanos != 0) {
      next = Math.min(next, headStartedNanos + headerNanos);
    }
    arm(next);
  }

  private void close(String limit) {
    limitHit.accept(limit);
    ctx.close();
  }
}
