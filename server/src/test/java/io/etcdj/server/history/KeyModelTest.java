package io.etcdj.server.history;

import static io.etcdj.server.history.Ops.cad;
import static io.etcdj.server.history.Ops.cas;
import static io.etcdj.server.history.Ops.compareFailed;
import static io.etcdj.server.history.Ops.delete;
import static io.etcdj.server.history.Ops.found;
import static io.etcdj.server.history.Ops.get;
import static io.etcdj.server.history.Ops.keyNotFound;
import static io.etcdj.server.history.Ops.notFound;
import static io.etcdj.server.history.Ops.ok;
import static io.etcdj.server.history.Ops.put;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The per-key rules, one step at a time. */
class KeyModelTest {
  private static final TakenIndexes NONE = TakenIndexes.NONE;
  private static final KeyState X_AT_5 = KeyState.present("x", 5);

  private static Optional<KeyState> step(KeyState s, Input.Linearizable in, Output out) {
    return KeyModel.step(s, in, out, NONE);
  }

  @Test
  void putOnAnAbsentKeyReportsNoPreviousValue() {
    assertThat(step(KeyState.INITIAL, put("x"), ok(1))).contains(KeyState.present("x", 1));
    assertThat(step(KeyState.INITIAL, put("x"), ok(1, "w"))).isEmpty();
  }

  @Test
  void putOverAValueReportsIt() {
    assertThat(step(X_AT_5, put("y"), ok(6, "x"))).contains(KeyState.present("y", 6));
    assertThat(step(X_AT_5, put("y"), ok(6))).isEmpty();
    assertThat(step(X_AT_5, put("y"), ok(6, "w"))).isEmpty();
  }

  @Test
  void writeIndexMustExceedTheKeysIndex() {
    assertThat(step(X_AT_5, put("y"), ok(5, "x"))).isEmpty();
    assertThat(step(X_AT_5, put("y"), ok(4, "x"))).isEmpty();
    assertThat(step(KeyState.absent(9), put("y"), ok(9))).isEmpty();
    assertThat(step(KeyState.absent(9), put("y"), ok(10))).isPresent();
  }

  @Test
  void putIsNeverRefused() {
    assertThat(step(X_AT_5, put("y"), keyNotFound())).isEmpty();
    assertThat(step(X_AT_5, put("y"), compareFailed())).isEmpty();
  }

  @Test
  void getShowsExactlyTheState() {
    assertThat(step(X_AT_5, get(), found("x", 5))).contains(X_AT_5);
    assertThat(step(X_AT_5, get(), found("x", 4))).isEmpty();
    assertThat(step(X_AT_5, get(), found("y", 5))).isEmpty();
    assertThat(step(X_AT_5, get(), notFound())).isEmpty();
    assertThat(step(KeyState.absent(7), get(), notFound())).contains(KeyState.absent(7));
    assertThat(step(KeyState.absent(7), get(), found("x", 5))).isEmpty();
  }

  @Test
  void compareAndSwapFailsWithKeyNotFoundWhenAbsent() {
    assertThat(step(KeyState.INITIAL, cas("x", "y"), keyNotFound())).contains(KeyState.INITIAL);
    assertThat(step(KeyState.INITIAL, cas("x", "y"), compareFailed())).isEmpty();
    assertThat(step(KeyState.INITIAL, cas("x", "y"), ok(1))).isEmpty();
  }

  @Test
  void compareAndSwapFailsWithCompareFailedOnAnotherValue() {
    assertThat(step(X_AT_5, cas("w", "y"), compareFailed())).contains(X_AT_5);
    assertThat(step(X_AT_5, cas("w", "y"), keyNotFound())).isEmpty();
    assertThat(step(X_AT_5, cas("w", "y"), ok(6, "x"))).isEmpty();
  }

  @Test
  void compareAndSwapOnTheValueReplacesItAndReportsIt() {
    assertThat(step(X_AT_5, cas("x", "y"), ok(6, "x"))).contains(KeyState.present("y", 6));
    assertThat(step(X_AT_5, cas("x", "y"), compareFailed())).isEmpty();
    assertThat(step(X_AT_5, cas("x", "y"), ok(5, "x"))).isEmpty();
  }

  @Test
  void compareAndDeleteOnTheValueRemovesTheKey() {
    assertThat(step(X_AT_5, cad("x"), ok(6, "x"))).contains(KeyState.absent(6));
    assertThat(step(X_AT_5, cad("w"), compareFailed())).contains(X_AT_5);
    assertThat(step(X_AT_5, cad("w"), ok(6, "x"))).isEmpty();
    assertThat(step(KeyState.INITIAL, cad("x"), keyNotFound())).contains(KeyState.INITIAL);
  }

  @Test
  void deleteRemovesAnyValueAndFailsOnAnAbsentKey() {
    assertThat(step(X_AT_5, delete(), ok(6, "x"))).contains(KeyState.absent(6));
    assertThat(step(X_AT_5, delete(), ok(6, "w"))).isEmpty();
    assertThat(step(X_AT_5, delete(), keyNotFound())).isEmpty();
    assertThat(step(KeyState.INITIAL, delete(), keyNotFound())).contains(KeyState.INITIAL);
    assertThat(step(KeyState.INITIAL, delete(), ok(1))).isEmpty();
  }

  @Test
  void unknownWriteLeavesOnlyABoundOnTheIndex() {
    assertThat(KeyModel.stepUnknown(X_AT_5, put("y"))).contains(KeyState.presentAtLeast("y", 6));
    assertThat(KeyModel.stepUnknown(X_AT_5, cas("x", "y"))).contains(KeyState.presentAtLeast("y", 6));
    assertThat(KeyModel.stepUnknown(X_AT_5, delete())).contains(KeyState.absentAtLeast(6));
    assertThat(KeyModel.stepUnknown(X_AT_5, cad("x"))).contains(KeyState.absentAtLeast(6));
  }

  @Test
  void unknownOperationThatWouldChangeNothingIsNotAStep() {
    assertThat(KeyModel.stepUnknown(X_AT_5, get())).isEmpty();
    assertThat(KeyModel.stepUnknown(X_AT_5, cas("w", "y"))).isEmpty();
    assertThat(KeyModel.stepUnknown(X_AT_5, cad("w"))).isEmpty();
    assertThat(KeyModel.stepUnknown(KeyState.INITIAL, delete())).isEmpty();
  }

  @Test
  void readPinsABoundedIndexToOneNoKnownWriteTook() {
    KeyState bounded = KeyState.presentAtLeast("y", 6);
    TakenIndexes taken = new TakenIndexes(new long[] {7});
    assertThat(KeyModel.step(bounded, get(), found("y", 6), taken)).contains(KeyState.present("y", 6));
    assertThat(KeyModel.step(bounded, get(), found("y", 9), taken)).contains(KeyState.present("y", 9));
    assertThat(KeyModel.step(bounded, get(), found("y", 5), taken)).isEmpty();
    assertThat(KeyModel.step(bounded, get(), found("y", 7), taken)).isEmpty();
  }

  @Test
  void writeAfterABoundedIndexNeedsAFreeIndexBelowItsOwn() {
    KeyState bounded = KeyState.presentAtLeast("y", 6);
    TakenIndexes taken = new TakenIndexes(new long[] {6, 7});
    assertThat(KeyModel.step(bounded, put("z"), ok(7, "y"), NONE)).isPresent();
    assertThat(KeyModel.step(bounded, put("z"), ok(6, "y"), NONE)).isEmpty();
    assertThat(KeyModel.step(bounded, put("z"), ok(8, "y"), taken)).isEmpty();
    assertThat(KeyModel.step(bounded, put("z"), ok(9, "y"), taken)).isPresent();
  }
}
