package io.etcdj.server.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Records a run's operations as the simulator's clients invoke them and hear back. Owned by the
 * simulator's single thread.
 *
 * <p>Allocation-light because a CI run records tens of millions of operations: fields live in
 * parallel arrays that only grow (doubling), and {@link #reset} reuses them for the next schedule.
 * Nothing is allocated per operation except what the caller passes in; {@link #history()} builds
 * the records the checker reads, once per run.
 */
public final class HistoryRecorder {
  /** {@link #returnTick} of an operation still waiting for its answer. */
  private static final long OPEN = -1;
  /** {@link #returnTick} of an operation whose outcome is unknown. */
  private static final long UNKNOWN = Long.MAX_VALUE;

  private int size;
  private int[] client;
  private long[] invokeTick;
  private long[] returnTick;
  private Input[] input;
  private Output[] output;

  public HistoryRecorder() {
    this(1024);
  }

  public HistoryRecorder(int initialCapacity) {
    int n = Math.max(16, initialCapacity);
    client = new int[n];
    invokeTick = new long[n];
    returnTick = new long[n];
    input = new Input[n];
    output = new Output[n];
  }

  /** A client sends {@code in} at tick {@code now}; returns the id to report its outcome under. */
  public long invoke(int client, Input in, long now) {
    if (size == this.client.length) {
      grow();
    }
    int i = size++;
    this.client[i] = client;
    invokeTick[i] = now;
    returnTick[i] = OPEN;
    input[i] = in;
    output[i] = null;
    return i;
  }

  /** The answer to {@code opId} arrived at tick {@code now}. */
  public void ok(long opId, Output out, long now) {
    int i = open(opId);
    if (now < invokeTick[i]) {
      throw new IllegalArgumentException("operation " + opId + " answered at " + now
          + " before its invocation at " + invokeTick[i]);
    }
    returnTick[i] = now;
    output[i] = out;
  }

  /** {@code opId} timed out or lost its connection: it may or may not have taken effect. */
  public void unknown(long opId) {
    returnTick[open(opId)] = UNKNOWN;
  }

  public int size() {
    return size;
  }

  /** The operations so far, in invocation order; those still open count as unknown. */
  public History history() {
    List<Operation> ops = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      Outcome outcome = returnTick[i] == OPEN || returnTick[i] == UNKNOWN
          ? Outcome.Unknown.INSTANCE
          : new Outcome.Returned(returnTick[i], output[i]);
      ops.add(new Operation(i, client[i], input[i], invokeTick[i], outcome));
    }
    return new History(ops);
  }

  /** Forgets every operation and keeps the arrays, for the next schedule. */
  public void reset() {
    Arrays.fill(input, 0, size, null);
    Arrays.fill(output, 0, size, null);
    size = 0;
  }

  private int open(long opId) {
    if (opId < 0 || opId >= size) {
      throw new IllegalArgumentException("no operation " + opId);
    }
    int i = (int) opId;
    if (returnTick[i] != OPEN) {
      throw new IllegalStateException("operation " + opId + " already has an outcome");
    }
    return i;
  }

  private void grow() {
    int n = client.length * 2;
    client = Arrays.copyOf(client, n);
    invokeTick = Arrays.copyOf(invokeTick, n);
    returnTick = Arrays.copyOf(returnTick, n);
    input = Arrays.copyOf(input, n);
    output = Arrays.copyOf(output, n);
  }
}
