package io.etcdj.server.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.kvstore.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * The search (list, cache, reductions, dropped unknown operations) agrees with the definition
 * searched by brute force, on small one-key histories that are as often wrong as right.
 */
class ExhaustiveAgreementTest {
  private static final String[] VALUES = {"a", "b"};
  private final LinearizabilityChecker checker = new LinearizabilityChecker();

  @Property(tries = 3000, seed = "20260120")
  void searchAgreesWithBruteForceOnSmallHistories(@ForAll long seed) {
    Random rnd = new Random(seed);
    List<Operation> ops = switch (rnd.nextInt(3)) {
      case 0 -> randomAnswers(rnd);
      case 1 -> generatedWithOneAnswerChanged(rnd, seed);
      default -> manyUnknownWrites(rnd, seed);
    };
    boolean expected = ExhaustiveSearch.linearizable(ops);
    CheckResult actual = checker.checkKey(Ops.KEY, ops);
    Statistics.label("verdict").collect(expected ? "linearizable" : "not linearizable");
    Statistics.label("verdict").coverage(c -> {
      c.check("linearizable").percentage(p -> p > 15);
      c.check("not linearizable").percentage(p -> p > 15);
    });
    assertThat(actual.passed()).as("%s\n%s", ops, actual.describe()).isEqualTo(expected);
  }

  /**
   * A valid history of up to ten operations of which about half lost their answer (writes of
   * every kind, so compare-and-swaps that chain and cycle among them), plus, half the time, one
   * known answer changed: what the search's rules about unknown operations are about.
   */
  private static List<Operation> manyUnknownWrites(Random rnd, long seed) {
    GeneratedHistory g = GeneratedHistory.generate(seed,
        GeneratedHistory.Shape.quorumOnly(4 + rnd.nextInt(7), 1, 50, 8));
    List<Operation> ops = g.history().operations();
    List<Integer> known = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      if (!ops.get(i).unknown()) {
        known.add(i);
      }
    }
    History h = g.history();
    if (!known.isEmpty() && rnd.nextBoolean()) {
      int at = known.get(rnd.nextInt(known.size()));
      h = Mutations.withOutput(h, at, randomAnswer(rnd, (Input.Linearizable) ops.get(at).input()));
    }
    return renamed(h.operations());
  }

  /** Inputs and answers drawn independently: mostly not linearizable, which is the point. */
  private static List<Operation> randomAnswers(Random rnd) {
    int n = 1 + rnd.nextInt(7);
    List<Operation> ops = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Input.Linearizable in = randomInput(rnd);
      long invoke = rnd.nextInt(20);
      Outcome outcome = rnd.nextInt(4) == 0 ? Outcome.Unknown.INSTANCE
          : new Outcome.Returned(invoke + rnd.nextInt(10), randomAnswer(rnd, in));
      ops.add(new Operation(i, rnd.nextInt(3), in, invoke, outcome));
    }
    return ops;
  }

  /** A valid history (from the store) with, half the time, one answer replaced at random. */
  private static List<Operation> generatedWithOneAnswerChanged(Random rnd, long seed) {
    GeneratedHistory g = GeneratedHistory.generate(seed,
        GeneratedHistory.Shape.quorumOnly(1 + rnd.nextInt(9), 1, 20, 6));
    List<Operation> ops = new ArrayList<>(g.history().operations());
    int at = rnd.nextInt(ops.size());
    Operation op = ops.get(at);
    if (rnd.nextBoolean() && !op.unknown()) {
      Output changed = randomAnswer(rnd, (Input.Linearizable) op.input());
      ops = new ArrayList<>(Mutations.withOutput(g.history(), at, changed).operations());
    }
    return renamed(ops);
  }

  /** The generator names keys /k0..; the checker is asked about {@link Ops#KEY}. */
  private static List<Operation> renamed(List<Operation> ops) {
    List<Operation> renamed = new ArrayList<>();
    for (Operation o : ops) {
      renamed.add(new Operation(o.id(), o.client(), rename((Input.Linearizable) o.input()), o.invokeTick(), o.outcome()));
    }
    return renamed;
  }

  private static Input.Linearizable rename(Input.Linearizable in) {
    if (in instanceof Input.Put p) {
      return Ops.put(p.value());
    }
    if (in instanceof Input.CompareAndSwap c) {
      return Ops.cas(c.prevValue(), c.value());
    }
    if (in instanceof Input.CompareAndDelete c) {
      return Ops.cad(c.prevValue());
    }
    return in instanceof Input.Get ? Ops.get() : Ops.delete();
  }

  private static Input.Linearizable randomInput(Random rnd) {
    String v = VALUES[rnd.nextInt(VALUES.length)];
    String p = VALUES[rnd.nextInt(VALUES.length)];
    return switch (rnd.nextInt(5)) {
      case 0 -> Ops.put(v);
      case 1 -> Ops.get();
      case 2 -> Ops.cas(p, v);
      case 3 -> Ops.cad(p);
      default -> Ops.delete();
    };
  }

  private static Output randomAnswer(Random rnd, Input.Linearizable in) {
    long index = 1 + rnd.nextInt(4);
    String v = VALUES[rnd.nextInt(VALUES.length)];
    if (in instanceof Input.Get) {
      return rnd.nextInt(3) == 0 ? Output.NotFound.INSTANCE : new Output.Found(v, index);
    }
    return switch (rnd.nextInt(4)) {
      case 0 -> new Output.Err(rnd.nextBoolean() ? ErrorCode.KEY_NOT_FOUND : ErrorCode.TEST_FAILED);
      case 1 -> Output.Ok.created(index);
      default -> Output.Ok.replaced(index, v);
    };
  }
}
