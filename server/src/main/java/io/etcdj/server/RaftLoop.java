package io.etcdj.server;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Raft thread ("etcdj-raft"): runs the {@link RaftDriver} and sleeps when there is nothing
 * to do, until the next tick or until something arrives in the inbox. It owns the driver, the
 * RaftNode and the log storage; nothing else touches them. A failure here stops the member
 * ({@code onFatal}): a member whose Raft loop died must not linger as a zombie.
 */
final class RaftLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(RaftLoop.class);

  private final RaftDriver driver;
  private final RaftInbox inbox;
  private final Consumer<Throwable> onFatal;
  private final Runnable onRemoved;
  private final AtomicBoolean parked = new AtomicBoolean();
  private final Thread thread;
  private volatile boolean running = true;

  RaftLoop(RaftDriver driver, RaftInbox inbox, Consumer<Throwable> onFatal, Runnable onRemoved) {
    this.driver = driver;
    this.inbox = inbox;
    this.onFatal = onFatal;
    this.onRemoved = onRemoved;
    this.thread = new Thread(this, "etcdj-raft");
    inbox.onArrival(this::wake);
  }

  void start() { thread.start(); }

  private void wake() {
    if (parked.get() && parked.compareAndSet(true, false)) {
      LockSupport.unpark(thread);
    }
  }

  @Override public void run() {
    try {
      driver.start();
      boolean removedReported = false;
      while (running) {
        boolean worked = driver.runOnce();
        if (driver.removed() && !removedReported) {
          removedReported = true;
          onRemoved.run();
        }
        if (!worked) {
          park(driver.nanosToNextTick());
        }
      }
    } catch (RuntimeException | Error e) {
      LOG.error("the Raft loop failed: this member stops", e);
      onFatal.accept(e);
    } finally {
      driver.failAll("etcdserver: server stopped");
      inbox.failAll("etcdserver: server stopped");
    }
  }

  private void park(long nanos) {
    if (nanos <= 0) {
      return;
    }
    parked.set(true);
    if (!inbox.isEmpty() || !running) {
      parked.set(false);
      return;
    }
    LockSupport.parkNanos(this, nanos);
    parked.set(false);
  }

  /** Stops the loop and waits for it (the current iteration finishes). */
  void close() {
    running = false;
    LockSupport.unpark(thread);
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
