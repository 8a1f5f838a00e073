package io.etcdj.kvstore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The watchers one consumer thread serves (e.g. one Netty event loop's), delivered to in one pass
 * per batch of events on that thread. The apply thread, holding the store's write lock, does not
 * visit these watchers: it hands each event once per watched path to the group's inbox and wakes
 * the consumer at most once per batch; the consumer then offers the events to its watchers of
 * that path exactly as the hub offers them to its own (etcd's notifyWatchers), calls the
 * listeners, and finally {@link Consumer#passEnded()} (to flush what the listeners wrote).
 *
 * <p>Threads: {@code inbox} and {@code drainScheduled} are shared (the apply thread adds, the
 * consumer polls); {@code byKey}, {@code staleKeys} and the group's watchers belong to the
 * consumer thread. {@link #watch} runs on the consumer thread and takes the store's write lock
 * only for the history scan and to register the group's interest in the key; cancelling takes
 * no lock. A non-empty key left by its last watcher keeps the group's interest until the
 * group's next registration (so a watcher re-arming on the same key costs no extra locking);
 * meanwhile the group may be woken for an event it has no watcher for, and drops it.
 */
public final class WatchGroup {
  /** The thread serving a group. */
  public interface Consumer {
    /** Whether the calling thread is the consumer thread. */
    boolean inConsumerThread();

    /** Runs {@code task} on the consumer thread, later; callable from any thread. */
    void execute(Runnable task);

    /** Consumer thread: a pass over the group's inbox starts (its listeners are called next). */
    void passStarted();

    /** Consumer thread: a pass over the group's inbox has ended (listeners may have written). */
    void passEnded();
  }

  private record Offer(Event event, String path, boolean originalPath, boolean deleted) {}

  private final Store store;
  private final Consumer consumer;
  private final ConcurrentLinkedQueue<Offer> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final Runnable drain = this::drain;
  private final WatcherList.Unlinker unlinkWatcher = this::unlink;
  private final HashMap<String, WatcherList> byKey = new HashMap<>();
  private List<String> staleKeys = new ArrayList<>();
  /** Apply thread, under the store lock: the consumer refused a task; offers are dropped. */
  private boolean consumerGone;

  WatchGroup(Store store, Consumer consumer) {
    this.store = store;
    this.consumer = consumer;
  }

  /**
   * Consumer thread: registers a watcher as {@link Store#watch} does. The listener is called on
   * this thread: for history hits before this method returns (after the store lock is released),
   * and for later events during the group's passes.
   */
  public Store.WatchResult watch(String path, boolean recursive, boolean stream, long sinceIndex,
                                 WatchListener listener) {
    List<Event> replay = new ArrayList<>(1);
    Store.WatchResult result = store.watchInGroup(this, path, recursive, stream, sinceIndex, listener, replay);
    if (!(result instanceof Store.WatchResult.Registered registered)) {
      return result;
    }
    HubWatcher w = (HubWatcher) registered.watcher();
    if (!w.removed) {
      byKey.computeIfAbsent(w.key, k -> new WatcherList()).append(w);
    }
    for (Event e : replay) {
      w.deliver(e);
    }
    if (w.removed) {
      cancel(w); // the listener failed or cancelled while replaying: unlink now
    }
    return result;
  }

  /** Apply thread, under the store's write lock: {@code e} touches {@code path}, watched here. */
  void offer(Event e, String path, boolean originalPath, boolean deleted) {
    if (consumerGone) {
      return;
    }
    inbox.add(new Offer(e, path, originalPath, deleted));
    if (!drainScheduled.getAndSet(true)) {
      try {
        consumer.execute(drain);
      } catch (RuntimeException shutDown) {
        // The consumer takes no more tasks (its event loop is shutting down): its watchers can
        // never be served again, and the apply thread must not fail because of them.
        consumerGone = true;
        inbox.clear();
      }
    }
  }

  /** Consumer thread: one pass over everything the inbox holds, oldest first. */
  private void drain() {
    drainScheduled.set(false); // before polling: an offer from now on schedules another pass
    consumer.passStarted();
    try {
      for (Offer o = inbox.poll(); o != null; o = inbox.poll()) {
        WatcherList list = byKey.get(o.path);
        if (list == null) {
          continue;
        }
        list.offer(o.event, o.originalPath, o.deleted, unlinkWatcher);
        if (list.head == null) {
          emptied(o.path);
        }
      }
    } finally {
      consumer.passEnded();
    }
  }

  /** Any thread; unregisters on the consumer thread. */
  void cancel(HubWatcher w) {
    if (!consumer.inConsumerThread()) {
      consumer.execute(() -> cancel(w));
      return;
    }
    WatcherList list = byKey.get(w.key);
    if (list != null && list.contains(w)) {
      unlink(list, w);
      if (list.head == null) {
        emptied(w.key);
      }
    }
    w.removed = true;
  }

  private void unlink(WatcherList list, HubWatcher w) {
    if (list.drop(w)) {
      store.watcherGone();
    }
  }

  private void emptied(String key) {
    byKey.remove(key);
    staleKeys.add(key);
  }

  /** Consumer thread, under the store lock: whether some watcher of this group watches {@code key}. */
  boolean watches(String key) {
    return byKey.containsKey(key);
  }

  /** Consumer thread, under the store lock: the keys left by their last watcher since last asked. */
  List<String> takeStaleKeys() {
    if (staleKeys.isEmpty()) {
      return List.of();
    }
    List<String> taken = staleKeys;
    staleKeys = new ArrayList<>();
    return taken;
  }
}
