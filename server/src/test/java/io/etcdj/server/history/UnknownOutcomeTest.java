package io.etcdj.server.history;

import static io.etcdj.server.history.Ops.call;
import static io.etcdj.server.history.Ops.cas;
import static io.etcdj.server.history.Ops.delete;
import static io.etcdj.server.history.Ops.found;
import static io.etcdj.server.history.Ops.get;
import static io.etcdj.server.history.Ops.history;
import static io.etcdj.server.history.Ops.notFound;
import static io.etcdj.server.history.Ops.ok;
import static io.etcdj.server.history.Ops.put;
import static io.etcdj.server.history.Ops.unknown;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Operations that lost their answer may have taken effect, once, at any time after their call. */
class UnknownOutcomeTest {
  private final LinearizabilityChecker checker = new LinearizabilityChecker();

  private boolean passes(History h) {
    return checker.check(h).passed();
  }

  @Test
  void unknownWriteMayHaveTakenEffect() {
    assertThat(passes(history(
        call(1, 0, 10, put("x"), ok(1)),
        unknown(2, 20, put("y")),
        call(3, 40, 50, get(), found("y", 7))))).isTrue();
  }

  @Test
  void unknownWriteMayNotHaveTakenEffect() {
    assertThat(passes(history(
        call(1, 0, 10, put("x"), ok(1)),
        unknown(2, 20, put("y")),
        call(3, 40, 50, get(), found("x", 1))))).isTrue();
  }

  @Test
  void unknownWriteMayTakeEffectLongAfterItsCall() {
    assertThat(passes(history(
        call(1, 0, 10, put("x"), ok(1)),
        unknown(2, 20, put("y")),
        call(3, 40, 50, get(), found("x", 1)),
        call(3, 60, 70, get(), found("y", 3))))).isTrue();
  }

  @Test
  void unknownWriteTakesEffectAtMostOnce() {
    assertThat(passes(history(
        call(1, 0, 10, put("x"), ok(1)),
        unknown(2, 20, put("y")),
        call(3, 40, 50, get(), found("y", 5)),
        call(1, 60, 70, put("z"), ok(6, "y")),
        call(3, 80, 90, get(), found("y", 7))))).isFalse();
  }

  @Test
  void unknownWriteCannotTakeEffectBeforeItsCall() {
    assertThat(passes(history(
        call(3, 0, 10, get(), found("y", 3)),
        unknown(2, 20, put("y"))))).isFalse();
  }

  @Test
  void unknownWriteOnceSeenCannotBeUndone() {
    assertThat(passes(history(
        call(1, 0, 10, put("x"), ok(1)),
        unknown(2, 20, put("y")),
        call(3, 40, 50, get(), found("y", 5)),
        call(3, 60, 70, get(), found("x", 1))))).isFalse();
  }

  @Test
  void firstReadOfAnUnknownWritePinsItsIndex() {
    assertThat(passes(history(
        call(1, 0, 10, put("x"), ok(1)),
        unknown(2, 20, put("y")),
        call(3, 40, 50, get(), found("y", 7)),
        call(3, 60, 70, get(), found("y", 8))))).isFalse();
  }

  @Test
  void unknownWriteTakesAnIndexPastThePreviousWrite() {
    assertThat(passes(history(
        call(1, 0, 10, put("x"), ok(4)),
        unknown(2, 20, put("y")),
        call(3, 40, 50, get(), found("y", 4))))).isFalse();
  }

  @Test
  void writeOverAnUnknownWriteLeavesRoomForItsIndex() {
    // y took effect (z reports it as previous), so its index is 2 at least and z's 3 at least
    assertThat(passes(history(
        call(1, 0, 10, put("x"), ok(1)),
        unknown(2, 20, put("y")),
        call(1, 40, 50, put("z"), ok(2, "y"))))).isFalse();
    assertThat(passes(history(
        call(1, 0, 10, put("x"), ok(1)),
        unknown(2, 20, put("y")),
        call(1, 40, 50, put("z"), ok(3, "y"))))).isTrue();
  }

  @Test
  void unknownCompareAndSwapTakesEffectOnlyOnAMatchingValue() {
    assertThat(passes(history(
        call(1, 0, 10, put("a"), ok(1)),
        unknown(2, 20, cas("a", "b")),
        call(3, 40, 50, get(), found("b", 2))))).isTrue();
    assertThat(passes(history(
        call(1, 0, 10, put("c"), ok(1)),
        unknown(2, 20, cas("a", "b")),
        call(3, 40, 50, get(), found("b", 2))))).isFalse();
  }

  @Test
  void unknownDeleteMayOrMayNotHaveTakenEffectButNotBoth() {
    assertThat(passes(history(
        call(1, 0, 10, put("x"), ok(1)),
        unknown(2, 20, delete()),
        call(3, 40, 50, get(), notFound())))).isTrue();
    assertThat(passes(history(
        call(1, 0, 10, put("x"), ok(1)),
        unknown(2, 20, delete()),
        call(3, 40, 50, get(), found("x", 1))))).isTrue();
    assertThat(passes(history(
        call(1, 0, 10, put("x"), ok(1)),
        unknown(2, 20, delete()),
        call(3, 40, 50, get(), notFound()),
        call(3, 60, 70, get(), found("x", 1))))).isFalse();
  }

  @Test
  void twoEqualUnknownWritesMayBothTakeEffect() {
    // the twins rule tries them in order; both must still be usable
    assertThat(passes(history(
        call(1, 0, 10, put("x"), ok(1)),
        unknown(2, 20, put("y")),
        unknown(3, 20, put("y")),
        call(4, 40, 50, get(), found("y", 2)),
        call(1, 60, 70, put("x"), ok(3, "y")),
        call(4, 80, 90, get(), found("y", 4))))).isTrue();
  }

  @Test
  void unknownWriteAfterAnUnknownWriteStillTakesEffect() {
    // the search never puts an unknown put straight after another unknown write; an order that
    // needs the second one right after the first needs only the second
    assertThat(passes(history(
        call(1, 0, 10, put("x"), ok(1)),
        unknown(2, 20, put("y")),
        unknown(3, 20, put("z")),
        call(4, 40, 50, get(), found("z", 9))))).isTrue();
  }

  @Test
  void chainOfUnknownCompareAndSwapsMayTakeEffectInOrder() {
    assertThat(passes(history(
        call(1, 0, 10, put("a"), ok(1)),
        unknown(2, 20, cas("b", "c")),
        unknown(3, 20, cas("a", "b")),
        call(4, 40, 50, get(), found("c", 3))))).isTrue();
  }

  @Test
  void manyPendingUnknownWritesStayWithinBudget() {
    // forty timed-out writes all pending at once, then a read that needs one of them and a read
    // that contradicts it; the failed compare keeps every one of them in the search (the key
    // holding any of them explains it), so only the reductions keep this from 2^40
    Ops.Spec[] specs = new Ops.Spec[44];
    specs[0] = call(1, 0, 10, put("x"), ok(1));
    for (int i = 0; i < 40; i++) {
      specs[1 + i] = unknown(2 + i, 20 + i, put("v" + i));
    }
    specs[41] = call(1, 100, 110, get(), found("v17", 30));
    specs[42] = call(1, 100, 110, cas("zz", "w"), Ops.compareFailed());
    specs[43] = call(1, 120, 130, get(), found("v3", 20));
    CheckResult r = new LinearizabilityChecker(100_000).check(history(specs));
    assertThat(r).isInstanceOf(CheckResult.Violation.class);
  }
}
