package io.etcdj.server;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/**
 * Runs many schedules on every core. Each schedule is one thread's from start to end and shares
 * nothing with the others, so its outcome depends on its seed only, whichever thread ran it and
 * whatever ran beside it.
 */
final class ParallelSchedules {
  /** Schedules handed to the pool at once: enough to keep every thread busy, few enough to hold. */
  private static final int CHUNK = 512;

  /** What a batch of schedules came to. */
  static final class Tally {
    long schedules;
    long operations;
    long entriesApplied;
    long messages;
    long leaders;
    long crashes;
    final Map<CrashPoint, Long> crashPoints = new EnumMap<>(CrashPoint.class);
    long failed;
    /** The first failures, in seed order (their reports are long: a soak keeps only these). */
    final List<RunOutcome> failures = new ArrayList<>();
    /** By known issue: how many schedules met it, and a few of their seeds for whoever fixes it. */
    final Map<String, Seeds> knownIssues = new TreeMap<>();

    void add(RunOutcome o) {
      schedules++;
      operations += o.operations();
      entriesApplied += o.entriesApplied();
      messages += o.messages();
      leaders += o.leaders();
      crashes += o.crashes();
      if (o.knownIssue() != null) {
        knownIssues.computeIfAbsent(o.knownIssue(), k -> new Seeds()).add(o.seed());
      }
      o.crashPoints().forEach((point, n) -> crashPoints.merge(point, (long) n, Long::sum));
      if (o.failed() && failed++ < 50) {
        failures.add(o);
      }
    }
  }

  /** How many seeds, and the first few. */
  static final class Seeds {
    private long count;
    private final List<Long> first = new ArrayList<>();

    void add(long seed) {
      if (count++ < 3) {
        first.add(seed);
      }
    }

    long count() { return count; }

    List<Long> first() { return first; }
  }

  private final int threads;

  ParallelSchedules(int threads) { this.threads = Math.max(1, threads); }

  int threads() { return threads; }

  /** Runs the schedules of seeds {@code first} .. {@code first + count - 1}, all of them. */
  Tally run(long first, long count, LongFunction<RunOutcome> schedule) {
    Tally tally = new Tally();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (long done = 0; done < count; ) {
        int n = (int) Math.min(CHUNK, count - done);
        List<Future<RunOutcome>> chunk = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          long seed = first + done + i;
          chunk.add(pool.submit(() -> schedule.apply(seed)));
        }
        for (Future<RunOutcome> f : chunk) {
          tally.add(join(f));
        }
        done += n;
      }
    } finally {
      pool.shutdownNow();
    }
    return tally;
  }

  /**
   * The failing outcome of the lowest seed in {@code first} .. {@code first + count - 1}, or null
   * if none fails: the same answer as trying them one by one, found a few at a time in parallel.
   */
  RunOutcome firstFailing(long first, long count, LongFunction<RunOutcome> schedule) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (long done = 0; done < count; ) {
        int n = (int) Math.min(2L * threads, count - done);
        List<Future<RunOutcome>> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          long seed = first + done + i;
          batch.add(pool.submit(() -> schedule.apply(seed)));
        }
        for (Future<RunOutcome> f : batch) {
          RunOutcome o = join(f);
          if (o.failed()) {
            return o;
          }
        }
        done += n;
      }
      return null;
    } finally {
      pool.shutdownNow();
    }
  }

  private static RunOutcome join(Future<RunOutcome> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a schedule's thread failed outside the schedule", e.getCause());
    }
  }
}
