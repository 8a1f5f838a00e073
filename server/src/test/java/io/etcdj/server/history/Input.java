package io.etcdj.server.history;

/**
 * What a client asked for, as the v2 HTTP API sees it, on one key.
 *
 * <p>The type makes the simulator choose, when it records a read, which guarantee etcd gives it:
 * a quorum read ({@link Get}, {@code ?quorum=true}) goes through Raft and must be linearizable; a
 * plain read ({@link PlainGet}) is served from the member's local store, may be stale by design,
 * and is checked by the weaker {@link PlainReadChecker} only. {@link LinearizabilityChecker}
 * never sees plain reads.
 */
public sealed interface Input permits Input.Linearizable, Input.PlainGet {

  /** The key the operation touches; histories are partitioned by it. */
  String key();

  /** The operations the linearizability search checks against the per-key model. */
  sealed interface Linearizable extends Input permits Put, Get, CompareAndSwap, CompareAndDelete, Delete {}

  /** PUT /v2/keys/key?value=... with no conditions: sets the key whether or not it exists. */
  record Put(String key, String value) implements Linearizable {}

  /** GET /v2/keys/key?quorum=true: a linearizable read through Raft. */
  record Get(String key) implements Linearizable {}

  /**
   * PUT /v2/keys/key?prevValue=...&value=...: sets the key only if it holds {@code prevValue}.
   * An empty prevValue means "no condition" in etcd, which would make this a {@link Put}, so it
   * is refused here.
   */
  record CompareAndSwap(String key, String prevValue, String value) implements Linearizable {
    public CompareAndSwap {
      requireCondition(prevValue);
    }
  }

  /** DELETE /v2/keys/key?prevValue=...: deletes the key only if it holds {@code prevValue}. */
  record CompareAndDelete(String key, String prevValue) implements Linearizable {
    public CompareAndDelete {
      requireCondition(prevValue);
    }
  }

  /** DELETE /v2/keys/key: deletes the key (error 100 when it does not exist). */
  record Delete(String key) implements Linearizable {}

  /**
   * GET /v2/keys/key without quorum, answered by {@code member} from its local store. Not
   * linearizable; see {@link PlainReadChecker} for what is checked instead.
   */
  record PlainGet(String key, int member) implements Input {}

  private static void requireCondition(String prevValue) {
    if (prevValue.isEmpty()) {
      throw new IllegalArgumentException("an empty prevValue is no condition in etcd: record a Put instead");
    }
  }
}
