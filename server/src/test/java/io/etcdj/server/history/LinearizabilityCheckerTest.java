package io.etcdj.server.history;

import static io.etcdj.server.history.Ops.call;
import static io.etcdj.server.history.Ops.cad;
import static io.etcdj.server.history.Ops.cas;
import static io.etcdj.server.history.Ops.compareFailed;
import static io.etcdj.server.history.Ops.delete;
import static io.etcdj.server.history.Ops.found;
import static io.etcdj.server.history.Ops.get;
import static io.etcdj.server.history.Ops.history;
import static io.etcdj.server.history.Ops.keyNotFound;
import static io.etcdj.server.history.Ops.notFound;
import static io.etcdj.server.history.Ops.ok;
import static io.etcdj.server.history.Ops.put;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hand-written histories, each pinning one rule: what must be accepted and what must not. */
class LinearizabilityCheckerTest {
  private final LinearizabilityChecker checker = new LinearizabilityChecker();

  private CheckResult check(History h) {
    return checker.check(h);
  }

  @Test
  void readAfterACompletedWriteThatReturnsTheOverwrittenValueIsAViolation() {
    History h = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, put("y"), ok(2, "x")),
        call(2, 40, 50, get(), found("x", 1)));
    assertThat(check(h)).isInstanceOf(CheckResult.Violation.class);
  }

  @Test
  void readOverlappingAWriteMayReturnTheOldValue() {
    History h = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, put("y"), ok(2, "x")),
        call(2, 25, 35, get(), found("x", 1)));
    assertThat(check(h).passed()).isTrue();
  }

  @Test
  void readOverlappingAWriteMayReturnTheNewValue() {
    History h = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, put("y"), ok(2, "x")),
        call(2, 15, 25, get(), found("y", 2)));
    assertThat(check(h).passed()).isTrue();
  }

  @Test
  void operationsSharingATickAreConcurrent() {
    // the write returns at 30 and the read is invoked at 30: they overlap, so the old value is fine
    History h = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, put("y"), ok(2, "x")),
        call(2, 30, 40, get(), found("x", 1)));
    assertThat(check(h).passed()).isTrue();
  }

  @Test
  void readThatSeesTheOldValueAfterAnotherReadSawTheNewOneIsAViolation() {
    History h = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 60, put("y"), ok(2, "x")),
        call(2, 25, 30, get(), found("y", 2)),
        call(3, 35, 40, get(), found("x", 1)));
    assertThat(check(h)).isInstanceOf(CheckResult.Violation.class);
  }

  @Test
  void lostAcknowledgedWriteSeenThroughTheNextWritesPrevValueIsAViolation() {
    History h = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, put("y"), ok(2, "x")),
        call(2, 40, 50, put("z"), ok(3, "x")));
    assertThat(check(h)).isInstanceOf(CheckResult.Violation.class);
  }

  @Test
  void writeSeenAtTwoDifferentIndexesIsAViolation() {
    History h = history(
        call(1, 0, 10, put("x"), ok(5)),
        call(2, 20, 30, get(), found("x", 5)),
        call(2, 40, 50, get(), found("x", 6)));
    assertThat(check(h)).isInstanceOf(CheckResult.Violation.class);
  }

  @Test
  void compareAndSwapThatSucceedsAfterTheValueChangedIsAViolation() {
    History h = history(
        call(1, 0, 10, put("a"), ok(1)),
        call(1, 20, 30, cas("a", "b"), ok(2, "a")),
        call(2, 40, 50, cas("a", "c"), ok(3, "a")));
    assertThat(check(h)).isInstanceOf(CheckResult.Violation.class);
  }

  @Test
  void compareAndSwapsRacingOnOneValueMayNotBothSucceed() {
    History h = history(
        call(1, 0, 10, put("a"), ok(1)),
        call(2, 20, 40, cas("a", "b"), ok(2, "a")),
        call(3, 20, 40, cas("a", "c"), ok(3, "a")));
    assertThat(check(h)).isInstanceOf(CheckResult.Violation.class);
  }

  @Test
  void compareAndSwapsRacingOnOneValueMayHaveOneWinner() {
    History h = history(
        call(1, 0, 10, put("a"), ok(1)),
        call(2, 20, 40, cas("a", "b"), compareFailed()),
        call(3, 20, 40, cas("a", "c"), ok(2, "a")),
        call(1, 50, 60, get(), found("c", 2)));
    assertThat(check(h).passed()).isTrue();
  }

  @Test
  void readOfAValueNeverWrittenIsAViolation() {
    History h = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(2, 5, 15, get(), found("z", 1)));
    assertThat(check(h)).isInstanceOf(CheckResult.Violation.class);
  }

  @Test
  void readOfAKeyNeverWrittenFindsNothing() {
    assertThat(check(history(call(1, 0, 10, get(), notFound()))).passed()).isTrue();
    assertThat(check(history(call(1, 0, 10, get(), found("x", 1))))).isInstanceOf(CheckResult.Violation.class);
  }

  @Test
  void modifiedIndexGoingBackwardsIsAViolation() {
    History h = history(
        call(1, 0, 10, put("x"), ok(5)),
        call(1, 20, 30, put("y"), ok(4, "x")));
    assertThat(check(h)).isInstanceOf(CheckResult.Violation.class);
  }

  @Test
  void modifiedIndexStandingStillIsAViolation() {
    History h = history(
        call(1, 0, 10, put("x"), ok(5)),
        call(1, 20, 30, put("y"), ok(5, "x")));
    assertThat(check(h)).isInstanceOf(CheckResult.Violation.class);
  }

  @Test
  void indexesMaySkipBecauseOtherKeysTakeIndexesToo() {
    History h = history(
        call(1, 0, 10, put("x"), ok(5)),
        call(1, 20, 30, put("y"), ok(90, "x")),
        call(1, 40, 50, get(), found("y", 90)));
    assertThat(check(h).passed()).isTrue();
  }

  @Test
  void concurrentWritesMayTakeEffectInEitherOrderButReadsMustAgreeWithTheirIndexes() {
    History agreeing = history(
        call(1, 0, 50, put("x"), ok(2, "y")),
        call(2, 0, 50, put("y"), ok(1)),
        call(3, 60, 70, get(), found("x", 2)));
    History disagreeing = history(
        call(1, 0, 50, put("x"), ok(2, "y")),
        call(2, 0, 50, put("y"), ok(1)),
        call(3, 60, 70, get(), found("y", 1)));
    assertThat(check(agreeing).passed()).isTrue();
    assertThat(check(disagreeing)).isInstanceOf(CheckResult.Violation.class);
  }

  @Test
  void compareAndSwapOnAnAbsentKeyFailsWithKeyNotFound() {
    assertThat(check(history(call(1, 0, 10, cas("a", "b"), keyNotFound()))).passed()).isTrue();
    assertThat(check(history(call(1, 0, 10, cas("a", "b"), compareFailed()))))
        .isInstanceOf(CheckResult.Violation.class);
    assertThat(check(history(call(1, 0, 10, cas("a", "b"), ok(1, "a")))))
        .isInstanceOf(CheckResult.Violation.class);
  }

  @Test
  void compareAndSwapAgainstAnotherValueFailsWithCompareFailed() {
    History failed = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, cas("a", "b"), compareFailed()),
        call(1, 40, 50, get(), found("x", 1)));
    History notFoundInstead = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, cas("a", "b"), keyNotFound()));
    History succeeded = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, cas("a", "b"), ok(2, "x")));
    assertThat(check(failed).passed()).isTrue();
    assertThat(check(notFoundInstead)).isInstanceOf(CheckResult.Violation.class);
    assertThat(check(succeeded)).isInstanceOf(CheckResult.Violation.class);
  }

  @Test
  void compareAndSwapThatMatchesReplacesTheValue() {
    History h = history(
        call(1, 0, 10, put("a"), ok(1)),
        call(1, 20, 30, cas("a", "b"), ok(2, "a")),
        call(1, 40, 50, get(), found("b", 2)));
    History refusedAlthoughMatching = history(
        call(1, 0, 10, put("a"), ok(1)),
        call(1, 20, 30, cas("a", "b"), compareFailed()));
    assertThat(check(h).passed()).isTrue();
    assertThat(check(refusedAlthoughMatching)).isInstanceOf(CheckResult.Violation.class);
  }

  @Test
  void compareAndDeleteRemovesOnlyAMatchingValue() {
    History matching = history(
        call(1, 0, 10, put("a"), ok(1)),
        call(1, 20, 30, cad("a"), ok(2, "a")),
        call(1, 40, 50, get(), notFound()));
    History other = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, cad("a"), compareFailed()),
        call(1, 40, 50, get(), found("x", 1)));
    History absent = history(call(1, 20, 30, cad("a"), keyNotFound()));
    History removedOther = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, cad("a"), ok(2, "x")));
    assertThat(check(matching).passed()).isTrue();
    assertThat(check(other).passed()).isTrue();
    assertThat(check(absent).passed()).isTrue();
    assertThat(check(removedOther)).isInstanceOf(CheckResult.Violation.class);
  }

  @Test
  void deleteThenGetFindsNothing() {
    History h = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, delete(), ok(2, "x")),
        call(2, 40, 50, get(), notFound()));
    History stillThere = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, delete(), ok(2, "x")),
        call(2, 40, 50, get(), found("x", 1)));
    assertThat(check(h).passed()).isTrue();
    assertThat(check(stillThere)).isInstanceOf(CheckResult.Violation.class);
  }

  @Test
  void deleteOfAnAbsentKeyFailsWithKeyNotFound() {
    assertThat(check(history(call(1, 0, 10, delete(), keyNotFound()))).passed()).isTrue();
    assertThat(check(history(call(1, 0, 10, delete(), ok(1))))).isInstanceOf(CheckResult.Violation.class);
    History deletedTwice = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, delete(), ok(2, "x")),
        call(1, 40, 50, delete(), ok(3, "x")));
    assertThat(check(deletedTwice)).isInstanceOf(CheckResult.Violation.class);
  }

  @Test
  void writeAfterADeleteMustPassTheDeletesIndex() {
    History h = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, delete(), ok(4, "x")),
        call(1, 40, 50, put("y"), ok(3)));
    assertThat(check(h)).isInstanceOf(CheckResult.Violation.class);
  }

  @Test
  void writeOntoAnExistingKeyMustReportItsPreviousValue() {
    History h = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, put("y"), ok(2)));
    assertThat(check(h)).isInstanceOf(CheckResult.Violation.class);
  }

  @Test
  void eachKeyIsCheckedOnItsOwnAndTheViolationNamesItsKey() {
    History h = history(
        call(1, 0, 10, put("/a", "x"), ok(1)),
        call(1, 20, 30, put("/b", "x"), ok(2)),
        call(1, 40, 50, put("/b", "y"), ok(3, "x")),
        call(2, 60, 70, get("/b"), found("x", 2)),
        call(2, 60, 70, get("/a"), found("x", 1)));
    CheckResult r = check(h);
    assertThat(r).isInstanceOf(CheckResult.Violation.class);
    assertThat(((CheckResult.Violation) r).key()).isEqualTo("/b");
  }

  @Test
  void orderOfIndexesAcrossKeysIsNotChecked() {
    // etcd's index is global, so /b's write, invoked after /a's returned, should have the higher
    // index; per-key checking (P-compositionality) does not see that, by design
    History h = history(
        call(1, 0, 10, put("/a", "x"), ok(5)),
        call(1, 20, 30, put("/b", "x"), ok(3)));
    assertThat(check(h).passed()).isTrue();
  }

  @Test
  void emptyHistoryPasses() {
    assertThat(check(history()).passed()).isTrue();
  }
}
