package io.etcdj.server;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apply thread ("etcdj-apply"): runs the {@link Applier} over the batches the Raft loop
 * enqueues. Running beside the Raft loop lets the next batch's fsync overlap this batch's apply
 * (as etcd's apply goroutine does). A failure here stops the member ({@code onFatal}): a member
 * that no longer applies must not go on voting as if it did.
 */
final class ApplyLoop implements Runnable, ApplySink {
  private static final Logger LOG = LoggerFactory.getLogger(ApplyLoop.class);
  private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final LinkedBlockingQueue<ApplyBatch> queue = new LinkedBlockingQueue<>();
  private final Thread thread = new Thread(this, "etcdj-apply");
  private final Applier applier;
  private final Clock clock;
  private final Consumer<Throwable> onFatal;
  private volatile boolean running = true;

  ApplyLoop(Applier applier, Clock clock, Consumer<Throwable> onFatal) {
    this.applier = applier;
    this.clock = clock;
    this.onFatal = onFatal;
  }

  void start() { thread.start(); }

  /** Called by the Raft loop thread. After this loop has stopped, the batch's waiters fail at once. */
  @Override public void enqueue(ApplyBatch batch) {
    synchronized (queue) {
      if (running) {
        queue.add(batch);
        return;
      }
    }
    batch.fail("etcdserver: server stopped");
  }

  @Override public void run() {
    try {
      while (running || !queue.isEmpty()) {
        ApplyBatch batch = queue.poll(SWEEP_NANOS, TimeUnit.NANOSECONDS);
        if (batch != null) {
          applier.apply(batch);
        }
        applier.failExpired(clock.nanoTime());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      LOG.error("the apply loop failed: this member stops", e);
      onFatal.accept(e);
    } finally {
      synchronized (queue) {
        running = false;
      }
      queue.forEach(b -> b.fail("etcdserver: server stopped"));
      queue.clear();
      applier.failAll("etcdserver: server stopped");
    }
  }

  /** Applies what is queued, then stops and fails whatever still waits. */
  void close() {
    running = false;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
