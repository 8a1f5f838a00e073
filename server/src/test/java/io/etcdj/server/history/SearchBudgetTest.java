package io.etcdj.server.history;

import static io.etcdj.server.history.Ops.call;
import static io.etcdj.server.history.Ops.found;
import static io.etcdj.server.history.Ops.get;
import static io.etcdj.server.history.Ops.history;
import static io.etcdj.server.history.Ops.ok;
import static io.etcdj.server.history.Ops.put;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A search that would run away gives up and says so, which is not a pass. */
class SearchBudgetTest {

  @Test
  void searchBeyondItsBudgetIsUndecidedAndNotAPass() {
    GeneratedHistory g = GeneratedHistory.generate(7, GeneratedHistory.Shape.quorumOnly(200, 1, 10, 20));
    CheckResult r = new LinearizabilityChecker(10).check(g.history());
    assertThat(r).isInstanceOf(CheckResult.TooLarge.class);
    assertThat(r.passed()).isFalse();
    assertThat(r.describe()).contains("/k0").contains("10 configurations");
  }

  @Test
  void defaultBudgetDecidesTheSameHistory() {
    GeneratedHistory g = GeneratedHistory.generate(7, GeneratedHistory.Shape.quorumOnly(200, 1, 10, 20));
    assertThat(new LinearizabilityChecker().check(g.history())).isInstanceOf(CheckResult.Passed.class);
  }

  @Test
  void violationOnOneKeyIsReportedEvenIfAnotherRanOutOfBudget() {
    GeneratedHistory g = GeneratedHistory.generate(7, GeneratedHistory.Shape.quorumOnly(200, 1, 10, 20));
    History broken = Ops.history(
        call(1, 0, 10, put("/z", "x"), ok(100_001)),
        call(1, 20, 30, put("/z", "y"), ok(100_002, "x")),
        call(2, 40, 50, get("/z"), found("x", 100_001)));
    java.util.List<Operation> both = new java.util.ArrayList<>(g.history().operations());
    for (Operation op : broken.operations()) {
      both.add(new Operation(both.size(), op.client(), op.input(), op.invokeTick(), op.outcome()));
    }
    CheckResult r = new LinearizabilityChecker(10).check(new History(both));
    assertThat(r).isInstanceOf(CheckResult.Violation.class);
    assertThat(((CheckResult.Violation) r).key()).isEqualTo("/z");
  }
}
