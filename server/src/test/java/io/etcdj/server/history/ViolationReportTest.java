package io.etcdj.server.history;

import static io.etcdj.server.history.Ops.call;
import static io.etcdj.server.history.Ops.found;
import static io.etcdj.server.history.Ops.get;
import static io.etcdj.server.history.Ops.history;
import static io.etcdj.server.history.Ops.ok;
import static io.etcdj.server.history.Ops.put;
import static io.etcdj.server.history.Ops.unknown;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the simulator prints next to a seed must point at the problem, and stay short. */
class ViolationReportTest {

  @Test
  void explanationShowsTheOrderFoundTheStateThereAndTheBlockedOperation() {
    History h = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, put("y"), ok(2, "x")),
        call(2, 40, 50, get(), found("x", 1)));
    CheckResult.Violation v = (CheckResult.Violation) new LinearizabilityChecker().check(h);
    System.out.println(v.describe());
    assertThat(v.key()).isEqualTo(Ops.KEY);
    assertThat(v.explanation())
        .contains("#1", "[20, 30]", "put \"y\" -> ok @2, prev \"x\"")
        .contains("in state \"y\" @2")
        .contains("#2", "[40, 50]", "get -> found \"x\" @1");
    assertThat(v.involved()).extracting(Operation::id).contains(1L, 2L);
  }

  @Test
  void explanationListsOperationsInvokedButNotTakenEffect() {
    History h = history(
        call(1, 0, 10, put("x"), ok(1)),
        call(1, 20, 30, put("y"), ok(2, "x")),
        call(3, 35, 60, put("z"), ok(9, "w")),
        call(2, 40, 50, get(), found("x", 1)));
    CheckResult.Violation v = (CheckResult.Violation) new LinearizabilityChecker().check(h);
    assertThat(v.explanation()).contains("not taken effect yet").contains("put \"z\" -> ok @9, prev \"w\"");
  }

  @Test
  void explanationShowsAnUnknownWriteTheOrderUsedWithItsIndexBound() {
    History h = history(
        call(1, 0, 10, put("x"), ok(1)),
        unknown(3, 15, put("x")),
        call(1, 20, 30, put("y"), ok(2, "x")),
        call(2, 40, 50, get(), found("x", 1)));
    CheckResult.Violation v = (CheckResult.Violation) new LinearizabilityChecker().check(h);
    assertThat(v.explanation()).contains("put \"x\" -> unknown outcome").contains("\"x\" @>=3");
  }

  @Test
  void explanationOfALongHistoryStaysShort() {
    List<Ops.Spec> specs = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      specs.add(call(1, 10L * i, 10L * i + 5, put("v" + i), i == 0 ? ok(1) : ok(i + 1, "v" + (i - 1))));
    }
    specs.add(call(2, 5000, 5010, get(), found("v3", 4)));
    CheckResult.Violation v =
        (CheckResult.Violation) new LinearizabilityChecker().check(history(specs.toArray(Ops.Spec[]::new)));
    assertThat(v.explanation().lines().count()).isLessThan(ViolationReport.ORDER_TAIL + ViolationReport.PENDING_MAX + 6);
    assertThat(v.explanation()).contains("takes effect 300 of them").contains("found \"v3\" @4");
  }
}
