package io.etcdj.server.history;

/**
 * One client operation of a history. Times are simulated ticks. Operation A precedes B in real
 * time iff A returned strictly before B was invoked; operations sharing a tick are concurrent.
 *
 * @param id the recorder's id, unique in a history (used to name the operation in reports)
 */
public record Operation(long id, int client, Input input, long invokeTick, Outcome outcome) {

  /** What an unknown outcome's return time counts as: never. */
  public static final long NEVER = Long.MAX_VALUE;

  public Operation {
    if (outcome instanceof Outcome.Returned r) {
      if (r.returnTick() < invokeTick) {
        throw new IllegalArgumentException("operation " + id + " returned at " + r.returnTick()
            + " before its invocation at " + invokeTick);
      }
      requireFitting(input, r.output());
    }
  }

  public boolean unknown() {
    return outcome instanceof Outcome.Unknown;
  }

  /** The return tick, or {@link #NEVER} for an unknown outcome. */
  public long returnTick() {
    return outcome instanceof Outcome.Returned r ? r.returnTick() : NEVER;
  }

  /** Whether this operation returned before {@code later} was invoked (real-time order). */
  public boolean precedes(Operation later) {
    return returnTick() < later.invokeTick;
  }

  /** A recorder that pairs a read with a write's answer (or the reverse) is broken: say so at once. */
  private static void requireFitting(Input input, Output output) {
    boolean read = input instanceof Input.Get || input instanceof Input.PlainGet;
    boolean readAnswer = output instanceof Output.Found || output instanceof Output.NotFound;
    if (read != readAnswer) {
      throw new IllegalArgumentException(input + " cannot be answered with " + output);
    }
    if (output instanceof Output.Err e && e.code().code != 100 && e.code().code != 101) {
      throw new IllegalArgumentException("error " + e.code().code + " is no answer the model can explain: "
          + "record an operation that may or may not have taken effect as unknown");
    }
  }
}
