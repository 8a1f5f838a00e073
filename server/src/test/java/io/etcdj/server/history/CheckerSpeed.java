package io.etcdj.server.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A rough figure for how fast the checker decides histories of the simulator's size, printed,
 * never asserted (the machine decides the number). Histories are generated first, outside the
 * timing, then checked twice: once to warm the JIT, once timed. Valid histories pass on the first
 * order the search tries, or nearly; broken ones make it try every order, so both are measured.
 *
 * <p>Run from the worktree after {@code mvn -pl server -am test-compile}:
 * {@code java -cp server/target/test-classes:kv-store/target/classes io.etcdj.server.history.CheckerSpeed
 * [histories] [operations] [keys] [unknownPercent] [overlapTicks]}
 */
final class CheckerSpeed {
  private CheckerSpeed() {}

  /** What one timed run saw. */
  record Figure(String what, GeneratedHistory.Shape shape, int histories, long nanos, long configurationsMean,
                long configurationsMax, int passed, int violations, int undecided) {
    double historiesPerSecond() {
      return histories * 1e9 / nanos;
    }

    @Override
    public String toString() {
      String configurations = passed == 0 ? ""
          : String.format("; configurations of those passed mean %d max %d", configurationsMean, configurationsMax);
      return String.format("%s: %d histories of %d ops over %d keys (%d%% unknown, overlap %d ticks): %.0f histories/s,"
              + " %.0f ops/s, %.2f ms each; passed %d, violations %d, undecided %d%s",
          what, histories, shape.operations(), shape.keys(), shape.unknownPercent(), shape.overlapTicks(),
          historiesPerSecond(), historiesPerSecond() * shape.operations(), nanos / 1e6 / histories,
          passed, violations, undecided, configurations);
    }
  }

  /** Valid histories of {@code shape}. */
  static Figure valid(int histories, GeneratedHistory.Shape shape) {
    List<History> generated = new ArrayList<>(histories);
    for (int seed = 0; seed < histories; seed++) {
      generated.add(GeneratedHistory.generate(seed, shape).history());
    }
    return measure("valid", shape, generated);
  }

  /** Histories of {@code shape} with a stale read after a completed write (where one fits). */
  static Figure broken(int histories, GeneratedHistory.Shape shape) {
    List<History> generated = new ArrayList<>(histories);
    for (int seed = 0; generated.size() < histories; seed++) {
      Optional<History> h = Mutations.staleReadAfterCompletedWrite(GeneratedHistory.generate(seed, shape), new Random(seed));
      h.ifPresent(generated::add);
    }
    return measure("stale read", shape, generated);
  }

  private static Figure measure(String what, GeneratedHistory.Shape shape, List<History> histories) {
    LinearizabilityChecker checker = new LinearizabilityChecker();
    for (History h : histories) {
      checker.check(h);
    }
    long total = 0;
    long max = 0;
    int passed = 0;
    int violations = 0;
    int undecided = 0;
    long start = System.nanoTime();
    for (History h : histories) {
      CheckResult r = checker.check(h);
      if (r instanceof CheckResult.Passed p) {
        passed++;
        total += p.configurations();
        max = Math.max(max, p.configurations());
      } else if (r instanceof CheckResult.Violation) {
        violations++;
      } else {
        undecided++;
      }
    }
    long nanos = System.nanoTime() - start;
    return new Figure(what, shape, histories.size(), nanos, passed == 0 ? 0 : total / passed, max, passed, violations,
        undecided);
  }

  public static void main(String[] args) {
    int histories = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int operations = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    int keys = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int unknownPercent = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    int overlapTicks = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    GeneratedHistory.Shape shape = GeneratedHistory.Shape.quorumOnly(operations, keys, unknownPercent, overlapTicks);
    System.out.println(valid(histories, shape));
    System.out.println(broken(histories, shape));
  }
}
