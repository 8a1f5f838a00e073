package io.etcdj.http.compat;

import java.util.Optional;

/**
 * Compares X-Raft-Index across the whole replay. It must match etcd's exactly, except that
 * while TTL keys live etcd proposes a SYNC entry every 500 ms, so after a scenario marked
 * raftIndexVolatile the offset between the two is re-learnt from the next answer. After a
 * mismatch the offset is re-learnt too, so one difference is reported once, not in every
 * later step; the report says how far each side moved since the last answer that carried the
 * header, which points at the request in between that etcd put through Raft and etcdj did not
 * (or the reverse). Owned by the test thread.
 */
final class RaftIndexTracker {
  private long offset;
  private boolean relearn;
  private long lastExpected = -1;
  private long lastActual = -1;
  private String lastStep = "";

  /** A difference to report, if any. */
  Optional<String> check(String step, long expected, long actual, boolean volatileScenario) {
    try {
      if (volatileScenario) {
        relearn = true;
        return Optional.empty();
      }
      if (relearn) {
        relearn = false;
        offset = actual - expected;
        return Optional.empty();
      }
      if (actual == expected + offset) {
        return Optional.empty();
      }
      String report = "header X-Raft-Index: etcd " + expected + ", etcdj " + actual
          + (offset == 0 ? "" : " (etcdj's is offset by " + offset + " since earlier)")
          + (lastExpected < 0 ? "" : "; since '" + lastStep + "' etcd moved by " + (expected - lastExpected)
              + " (" + lastExpected + "->" + expected + "), etcdj by " + (actual - lastActual)
              + " (" + lastActual + "->" + actual + ")");
      offset = actual - expected;
      return Optional.of(report);
    } finally {
      lastExpected = expected;
      lastActual = actual;
      lastStep = step;
    }
  }

  void afterScenario(boolean volatileScenario) {
    if (volatileScenario) {
      relearn = true;
    }
  }
}
