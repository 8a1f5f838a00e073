package io.etcdj.server.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Prints how fast the checker decides simulator-sized histories (see the surefire output of this
 * class). Asserts only the verdicts: every valid one passes, every broken one is a violation. No
 * timing is asserted.
 */
class CheckerSpeedTest {
  private static final GeneratedHistory.Shape[] SHAPES = {
      GeneratedHistory.Shape.quorumOnly(100, 3, 10, 10),
      GeneratedHistory.Shape.quorumOnly(400, 3, 10, 10),
      GeneratedHistory.Shape.quorumOnly(400, 8, 10, 10),
      GeneratedHistory.Shape.quorumOnly(400, 3, 25, 20),
  };

  @Test
  void simulatorSizedValidHistoriesAllPassAndTheRateIsPrinted() {
    for (GeneratedHistory.Shape shape : SHAPES) {
      CheckerSpeed.Figure f = CheckerSpeed.valid(500, shape);
      System.out.println(f);
      assertThat(f.passed()).as(f.toString()).isEqualTo(f.histories());
    }
  }

  @Test
  void simulatorSizedBrokenHistoriesAreAllRejectedAndTheRateIsPrinted() {
    for (GeneratedHistory.Shape shape : SHAPES) {
      CheckerSpeed.Figure f = CheckerSpeed.broken(200, shape);
      System.out.println(f);
      assertThat(f.violations()).as(f.toString()).isEqualTo(f.histories());
    }
  }
}
