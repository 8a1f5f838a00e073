package io.etcdj.server.history;

import static io.etcdj.server.history.Ops.found;
import static io.etcdj.server.history.Ops.get;
import static io.etcdj.server.history.Ops.ok;
import static io.etcdj.server.history.Ops.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryRecorderTest {

  @Test
  void recordsEachOperationWithItsClientTimesAndAnswer() {
    HistoryRecorder r = new HistoryRecorder();
    long w = r.invoke(1, put("x"), 10);
    long g = r.invoke(2, get(), 12);
    r.ok(g, found("x", 1), 20);
    r.ok(w, ok(1), 15);
    List<Operation> ops = r.history().operations();
    assertThat(ops).containsExactly(
        new Operation(0, 1, put("x"), 10, new Outcome.Returned(15, ok(1))),
        new Operation(1, 2, get(), 12, new Outcome.Returned(20, found("x", 1))));
  }

  @Test
  void timedOutOperationHasAnUnknownOutcome() {
    HistoryRecorder r = new HistoryRecorder();
    long w = r.invoke(1, put("x"), 10);
    r.unknown(w);
    Operation op = r.history().operations().get(0);
    assertThat(op.unknown()).isTrue();
    assertThat(op.returnTick()).isEqualTo(Operation.NEVER);
  }

  @Test
  void operationStillOpenAtTheEndHasAnUnknownOutcome() {
    HistoryRecorder r = new HistoryRecorder();
    r.invoke(1, put("x"), 10);
    assertThat(r.history().operations().get(0).unknown()).isTrue();
  }

  @Test
  void secondOutcomeForOneOperationIsRefused() {
    HistoryRecorder r = new HistoryRecorder();
    long w = r.invoke(1, put("x"), 10);
    r.ok(w, ok(1), 15);
    assertThatThrownBy(() -> r.ok(w, ok(1), 16)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> r.unknown(w)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void answerBeforeTheInvocationIsRefused() {
    HistoryRecorder r = new HistoryRecorder();
    long w = r.invoke(1, put("x"), 10);
    assertThatThrownBy(() -> r.ok(w, ok(1), 9)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readAnsweredLikeAWriteIsRefused() {
    HistoryRecorder r = new HistoryRecorder();
    long g = r.invoke(1, get(), 10);
    r.ok(g, ok(1), 12);
    assertThatThrownBy(r::history).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resetForgetsEverythingAndKeepsRecording() {
    HistoryRecorder r = new HistoryRecorder(16);
    for (int i = 0; i < 1000; i++) {
      r.ok(r.invoke(i % 7, put("v" + i), i), ok(i + 1), i);
    }
    assertThat(r.size()).isEqualTo(1000);
    r.reset();
    assertThat(r.history().operations()).isEmpty();
    long id = r.invoke(3, get(), 5);
    assertThat(id).isZero();
    assertThat(r.history().operations()).hasSize(1);
  }
}
