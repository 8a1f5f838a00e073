package io.etcdj.server.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Prints how fast the checker decides simulator-sized histories (see the surefire output of this
 * class); asserts only that every one of them, being valid, passes. No timing is asserted.
 */
class CheckerSpeedTest {

  @Test
  void simulatorSizedValidHistoriesAllPassAndTheRateIsPrinted() {
    GeneratedHistory.Shape[] shapes = {
        GeneratedHistory.Shape.quorumOnly(100, 3, 10, 10),
        GeneratedHistory.Shape.quorumOnly(400, 3, 10, 10),
        GeneratedHistory.Shape.quorumOnly(400, 8, 10, 10),
        GeneratedHistory.Shape.quorumOnly(400, 3, 25, 20),
    };
    for (GeneratedHistory.Shape shape : shapes) {
      CheckerSpeed.Figure f = CheckerSpeed.measure(500, shape);
      System.out.println(f);
      assertThat(f.notPassed()).as(f.toString()).isZero();
    }
  }
}
