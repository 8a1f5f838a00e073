package io.etcdj.server.history;

import io.etcdj.kvstore.ErrorCode;
import java.util.Optional;

/** What a client was answered, for an operation whose answer arrived. */
public sealed interface Output permits Output.Ok, Output.Err, Output.Found, Output.NotFound {

  /**
   * A write took effect: the key's new {@code node.modifiedIndex} (for a delete, the index of the
   * delete event) and {@code prevNode.value}, empty when the key did not exist before.
   */
  record Ok(long modifiedIndex, Optional<String> prevValue) implements Output {
    public static Ok created(long modifiedIndex) {
      return new Ok(modifiedIndex, Optional.empty());
    }

    public static Ok replaced(long modifiedIndex, String prevValue) {
      return new Ok(modifiedIndex, Optional.of(prevValue));
    }
  }

  /**
   * A write was refused with an etcd error the model can explain: {@link ErrorCode#KEY_NOT_FOUND}
   * (100) or {@link ErrorCode#TEST_FAILED} (101). Any other failure (timeouts, 300/301 during an
   * election, a dropped connection) may or may not have taken effect: record it as unknown.
   */
  record Err(ErrorCode code) implements Output {}

  /** A read found the key holding {@code value} at {@code modifiedIndex}. */
  record Found(String value, long modifiedIndex) implements Output {}

  /** A read found no such key (etcd answers a GET of a missing key with error 100). */
  record NotFound() implements Output {
    public static final NotFound INSTANCE = new NotFound();
  }
}
