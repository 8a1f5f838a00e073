package io.etcdj.server.history;

/** How an operation ended, as far as its client knows. */
public sealed interface Outcome permits Outcome.Returned, Outcome.Unknown {

  /** The answer arrived at {@code returnTick}. */
  record Returned(long returnTick, Output output) implements Outcome {}

  /**
   * No answer: a timeout, a dropped connection, or still open when the run ended. The operation
   * may or may not have taken effect, at any time after its invocation; the checker treats its
   * return as never happening and accepts whatever it would have answered, as Porcupine does.
   */
  record Unknown() implements Outcome {
    public static final Unknown INSTANCE = new Unknown();
  }
}
