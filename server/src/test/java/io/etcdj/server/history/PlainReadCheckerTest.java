package io.etcdj.server.history;

import static io.etcdj.server.history.Ops.call;
import static io.etcdj.server.history.Ops.delete;
import static io.etcdj.server.history.Ops.found;
import static io.etcdj.server.history.Ops.get;
import static io.etcdj.server.history.Ops.history;
import static io.etcdj.server.history.Ops.notFound;
import static io.etcdj.server.history.Ops.ok;
import static io.etcdj.server.history.Ops.plainGet;
import static io.etcdj.server.history.Ops.put;
import static io.etcdj.server.history.Ops.unknown;
import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Plain reads may be stale, but only ever show what was written, and never go back at one member. */
class PlainReadCheckerTest {
  private final PlainReadChecker checker = new PlainReadChecker();

  private boolean passes(History h) {
    return checker.check(h).passed();
  }

  @Test
  void plainReadOfAnOverwrittenValueIsAccepted() {
    History h = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, put("y"), ok(2, "x")),
        call(2, 40, 50, plainGet(0), found("x", 1)));
    assertThat(passes(h)).isTrue();
  }

  @Test
  void linearizabilityCheckerDoesNotSeePlainReads() {
    // the same stale read as a quorum read would be a violation; as a plain read it is etcd's design
    History h = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, put("y"), ok(2, "x")),
        call(2, 40, 50, plainGet(0), found("x", 1)));
    assertThat(new LinearizabilityChecker().check(h).passed()).isTrue();
    assertThat(HistoryCheck.check(h).passed()).isTrue();
  }

  @Test
  void plainReadOfAValueNeverWrittenIsRejected() {
    History h = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(2, 20, 30, plainGet(0), found("z", 1)));
    CheckResult r = checker.check(h);
    assertThat(r).isInstanceOf(CheckResult.Violation.class);
    assertThat(HistoryCheck.check(h)).isEqualTo(r);
  }

  @Test
  void plainReadOfAValueAtAnotherWritesIndexIsRejected() {
    History h = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, put("y"), ok(2, "x")),
        call(2, 40, 50, plainGet(0), found("x", 2)));
    assertThat(passes(h)).isFalse();
  }

  @Test
  void plainReadOfAWriteNotYetInvokedIsRejected() {
    History h = history(
        call(2, 0, 10, plainGet(0), found("x", 1)),
        call(1, 20, 30, put("x"), ok(1)));
    assertThat(passes(h)).isFalse();
  }

  @Test
  void plainReadOfAnUnknownWriteIsAcceptedAtAnIndexNoKnownWriteTook() {
    History accepted = history(
        unknown(1, 0, put("x")),
        call(2, 20, 30, plainGet(0), found("x", 4)));
    History taken = history(
        unknown(1, 0, put("x")),
        call(1, 5, 10, put(Ops.KEY + "/other", "w"), ok(4)),
        call(2, 20, 30, plainGet(0), found("x", 4)));
    assertThat(passes(accepted)).isTrue();
    assertThat(passes(taken)).isFalse();
  }

  @Test
  void plainReadsAtOneMemberThatGoBackInIndexAreRejected() {
    History h = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, put("y"), ok(2, "x")),
        call(2, 40, 50, plainGet(0), found("y", 2)),
        call(2, 60, 70, plainGet(0), found("x", 1)));
    CheckResult r = checker.check(h);
    assertThat(r).isInstanceOf(CheckResult.Violation.class);
    assertThat(r.describe()).contains("member 0").contains("#2").contains("#3");
  }

  @Test
  void plainReadsAtDifferentMembersMayDisagree() {
    History h = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, put("y"), ok(2, "x")),
        call(2, 40, 50, plainGet(0), found("y", 2)),
        call(2, 60, 70, plainGet(1), found("x", 1)));
    assertThat(passes(h)).isTrue();
  }

  @Test
  void overlappingPlainReadsAtOneMemberMayComeInEitherOrder() {
    History h = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, put("y"), ok(2, "x")),
        call(2, 40, 60, plainGet(0), found("y", 2)),
        call(2, 50, 70, plainGet(0), found("x", 1)));
    assertThat(passes(h)).isTrue();
  }

  @Test
  void keyThatVanishesAtAMemberNeedsADeleteAfterWhatItShowedBefore() {
    History deleted = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(2, 20, 30, plainGet(0), found("x", 1)),
        call(1, 40, 50, delete(), ok(2, "x")),
        call(2, 60, 70, plainGet(0), notFound()));
    History vanished = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(2, 20, 30, plainGet(0), found("x", 1)),
        call(2, 60, 70, plainGet(0), notFound()));
    assertThat(passes(deleted)).isTrue();
    assertThat(passes(vanished)).isFalse();
  }

  @Test
  void quorumReadsAreNotThisCheckersBusiness() {
    History staleQuorumRead = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, put("y"), ok(2, "x")),
        call(2, 40, 50, get(), found("x", 1)));
    assertThat(passes(staleQuorumRead)).isTrue();
    assertThat(HistoryCheck.check(staleQuorumRead)).isInstanceOf(CheckResult.Violation.class);
  }

  @Property(tries = 200, seed = "20260121")
  void plainReadsOfLaggingMembersInGeneratedHistoriesAreAccepted(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 300) int operations,
      @ForAll @IntRange(min = 1, max = 5) int keys,
      @ForAll @IntRange(min = 0, max = 20) int unknownPercent) {
    GeneratedHistory g = GeneratedHistory.generate(seed,
        new GeneratedHistory.Shape(operations, keys, 6, 3, unknownPercent, 60, 20));
    CheckResult r = HistoryCheck.check(g.history());
    assertThat(r).as(r.describe()).isInstanceOf(CheckResult.Passed.class);
  }
}
