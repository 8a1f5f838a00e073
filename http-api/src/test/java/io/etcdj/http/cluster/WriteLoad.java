package io.etcdj.http.cluster;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writer threads PUTting new keys ({@code <dir>/w<writer>-<seq>}, each written once) to the
 * members in round robin, each writer in a closed loop (its next PUT when the last one was
 * answered or failed). Every acknowledged write (201) is recorded with the modifiedIndex the
 * member answered; a write that failed, timed out or could not connect is not acknowledged and
 * is never checked (it may or may not have been committed).
 */
final class WriteLoad implements AutoCloseable {
  /** An acknowledged write: what must be found on every member afterwards. */
  record Ack(String key, String value, long modifiedIndex, String member, long sentNanos, long ackedNanos) {}

  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

  private final V2Http http;
  private final List<MemberProcess> targets;
  private final String dir;
  private final Map<String, Ack> acked = new ConcurrentHashMap<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> writers = new ArrayList<>();

  private WriteLoad(V2Http http, List<MemberProcess> targets, String dir) {
    this.http = http;
    this.targets = List.copyOf(targets);
    this.dir = dir;
  }

  static WriteLoad start(V2Http http, List<MemberProcess> targets, String dir, int writers) {
    WriteLoad load = new WriteLoad(http, targets, dir);
    for (int w = 0; w < writers; w++) {
      int writer = w;
      Thread t = new Thread(() -> load.write(writer), "writer-" + w);
      t.setDaemon(true);
      load.writers.add(t);
      t.start();
    }
    return load;
  }

  private void write(int writer) {
    for (long seq = 0; !stop.get(); seq++) {
      MemberProcess target = targets.get((int) ((writer + seq) % targets.size()));
      String key = dir + "/w" + writer + "-" + seq;
      String value = "v" + writer + "-" + seq;
      long sent = System.nanoTime();
      try {
        V2Http.Answer answer = http.put(target.clientUrl(), key, value, WRITE_TIMEOUT);
        if (answer.status() == 201) {
          JsonNode node = answer.json().path("node");
          acked.put(key, new Ack(key, node.path("value").asText(), node.path("modifiedIndex").asLong(),
              target.name(), sent, System.nanoTime()));
        }
      } catch (UncheckedIOException | IllegalStateException e) {
        // refused, reset or timed out: not acknowledged
      }
    }
  }

  int acknowledged() { return acked.size(); }

  /** Waits until at least {@code more} further writes were acknowledged. */
  void awaitMoreAcknowledged(int more) {
    int target = acked.size() + more;
    await("%d acknowledged writes".formatted(target)).atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20)).until(() -> acked.size() >= target);
  }

  /** The first acknowledged write that was sent at or after {@code nanos} (System.nanoTime), if any yet. */
  Optional<Ack> firstSentAfter(long nanos) {
    return acked.values().stream().filter(a -> a.sentNanos() - nanos >= 0)
        .min(Comparator.comparingLong(Ack::sentNanos));
  }

  /** Waits for an acknowledged write sent at or after {@code nanos} and returns it. */
  Ack awaitAckSentAfter(long nanos, Duration atMost) {
    return await("a write sent after the event acknowledged").atMost(atMost).pollInterval(Duration.ofMillis(10))
        .until(() -> firstSentAfter(nanos), Optional::isPresent).get();
  }

  /** Stops the writers, waits for the writes in flight, and returns every acknowledged write. */
  Map<String, Ack> stop() {
    stop.set(true);
    for (Thread t : writers) {
      try {
        t.join(WRITE_TIMEOUT.multipliedBy(3).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return Map.copyOf(acked);
  }

  @Override public void close() { stop(); }
}
