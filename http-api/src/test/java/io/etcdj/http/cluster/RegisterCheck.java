package io.etcdj.http.cluster;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A linearizability check of one key used as a register, run alongside whatever the test does
 * to the cluster. One writer PUTs 1, 2, 3, ... to the members in round robin, each PUT waiting
 * for the member's own answer (the client waits longer than the member's request timeout), so
 * the acknowledged values were committed in increasing order. Readers send quorum GETs to the
 * members in round robin. A read that began after value n was acknowledged must not return an
 * acknowledged value below n: that would be a stale read. (A value never acknowledged, such as
 * a write cut short by a kill, may legitimately take effect late, so it proves nothing.) After
 * every acknowledgement the writer also reads the key back, plainly, from the member that
 * answered: a member answers a write once it has applied it.
 */
final class RegisterCheck implements AutoCloseable {
  private final V2Http http;
  private final List<MemberProcess> members;
  private final String key;
  private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong quorumReads = new AtomicLong();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();
  private volatile long lastAcknowledged;

  private RegisterCheck(V2Http http, List<MemberProcess> members, String key) {
    this.http = http;
    this.members = List.copyOf(members);
    this.key = key;
  }

  static RegisterCheck start(V2Http http, List<MemberProcess> members, String key, int readers) {
    RegisterCheck check = new RegisterCheck(http, members, key);
    check.thread("register-writer", check::write);
    for (int r = 0; r < readers; r++) {
      int reader = r;
      check.thread("register-reader-" + r, () -> check.read(reader));
    }
    return check;
  }

  private void thread(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  private void write() {
    for (long n = 1; !stop.get(); n++) {
      MemberProcess member = members.get((int) (n % members.size()));
      try {
        if (!http.put(member.clientUrl(), key, Long.toString(n)).ok()) {
          continue; // 201 the first time, 200 (an update) after
        }
        acknowledged.add(n);
        lastAcknowledged = n;
        V2Http.Answer readBack = http.get(member.clientUrl(), key, false);
        check(readBack, n, "plain GET on " + member.name() + ", which acknowledged " + n);
      } catch (UncheckedIOException | IllegalStateException e) {
        // not acknowledged (or not read back): proves nothing
      }
    }
  }

  private void read(int reader) {
    for (long i = reader; !stop.get(); i++) {
      MemberProcess member = members.get((int) (i % members.size()));
      long floor = lastAcknowledged;
      try {
        V2Http.Answer answer = http.get(member.clientUrl(), key, true);
        if (answer.status() == 200) {
          quorumReads.incrementAndGet();
          check(answer, floor, "quorum GET on " + member.name());
        }
      } catch (UncheckedIOException | IllegalStateException e) {
        // no answer: proves nothing
      }
    }
  }

  private void check(V2Http.Answer answer, long floor, String what) {
    if (answer.status() != 200) {
      return;
    }
    long value = Long.parseLong(answer.json().path("node").path("value").asText());
    if (value < floor && acknowledged.contains(value)) {
      violations.add(what + " returned " + value + " after " + floor + " was acknowledged");
    }
  }

  long acknowledgedWrites() { return acknowledged.size(); }

  long quorumReads() { return quorumReads.get(); }

  /** Stops the threads and returns every stale read seen (none, if the cluster is linearizable). */
  List<String> stop() {
    stop.set(true);
    for (Thread t : threads) {
      try {
        t.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return List.copyOf(violations);
  }

  @Override public void close() { stop(); }
}
