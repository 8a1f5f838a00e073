package io.etcdj.server.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Histories generated from a random sequential run of the real store, intervals overlapping
 * heavily: always accepted as they are, and always rejected with one answer broken in a way the
 * generator knows is detectable.
 */
class GeneratedHistoryTest {
  private final LinearizabilityChecker checker = new LinearizabilityChecker();

  @Property(tries = 400, seed = "20260114")
  void historiesOfASequentialRunWithOverlappingIntervalsAreAccepted(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 400) int operations,
      @ForAll @IntRange(min = 1, max = 8) int keys,
      @ForAll @IntRange(min = 0, max = 25) int unknownPercent,
      @ForAll @IntRange(min = 0, max = 60) int overlapTicks) {
    GeneratedHistory g = GeneratedHistory.generate(seed,
        GeneratedHistory.Shape.quorumOnly(operations, keys, unknownPercent, overlapTicks));
    CheckResult r = checker.check(g.history());
    assertThat(r).as(r.describe()).isInstanceOf(CheckResult.Passed.class);
  }

  @Property(tries = 150, seed = "20260115")
  void staleReadAfterACompletedWriteIsRejected(@ForAll long seed, @ForAll @IntRange(min = 0, max = 20) int unknownPercent) {
    assertRejected(seed, unknownPercent, Mutations::staleReadAfterCompletedWrite);
  }

  @Property(tries = 150, seed = "20260116")
  void writeReportingAnEarlierWritesIndexIsRejected(@ForAll long seed, @ForAll @IntRange(min = 0, max = 20) int unknownPercent) {
    assertRejected(seed, unknownPercent, Mutations::indexNotGrowing);
  }

  @Property(tries = 150, seed = "20260117")
  void readOfAValueNobodyWroteIsRejected(@ForAll long seed, @ForAll @IntRange(min = 0, max = 20) int unknownPercent) {
    assertRejected(seed, unknownPercent, Mutations::readOfUnwrittenValue);
  }

  @Property(tries = 150, seed = "20260118")
  void writeReportingAPreviousValueNobodyWroteIsRejected(@ForAll long seed,
                                                         @ForAll @IntRange(min = 0, max = 20) int unknownPercent) {
    assertRejected(seed, unknownPercent, Mutations::wrongPreviousValue);
  }

  @Property(tries = 150, seed = "20260119")
  void readAtAnIndexNoWriteOfItsValueHadIsRejected(@ForAll long seed,
                                                   @ForAll @IntRange(min = 0, max = 20) int unknownPercent) {
    assertRejected(seed, unknownPercent, Mutations::readAtIndexNoWriteHad);
  }

  private void assertRejected(long seed, int unknownPercent,
                              BiFunction<GeneratedHistory, Random, Optional<History>> mutation) {
    GeneratedHistory g = GeneratedHistory.generate(seed, GeneratedHistory.Shape.quorumOnly(150, 3, unknownPercent, 30));
    assertThat(checker.check(g.history()).passed()).as("unmutated").isTrue();
    Optional<History> broken = mutation.apply(g, new Random(seed));
    Assume.that(broken.isPresent());
    CheckResult r = checker.check(broken.get());
    assertThat(r).as(r.describe()).isInstanceOf(CheckResult.Violation.class);
  }
}
