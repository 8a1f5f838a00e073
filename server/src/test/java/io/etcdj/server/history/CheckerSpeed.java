package io.etcdj.server.history;

import java.util.ArrayList;
import java.util.List;

/**
 * A rough figure for how fast the checker decides histories of the simulator's size, printed,
 * never asserted (the machine decides the number). Histories are generated first, outside the
 * timing, then checked twice: once to warm the JIT, once timed.
 *
 * <p>Run from the worktree after {@code mvn -pl server -am test-compile}:
 * {@code java -cp server/target/test-classes:kv-store/target/classes io.etcdj.server.history.CheckerSpeed
 * [histories] [operations] [keys] [unknownPercent] [overlapTicks]}
 */
final class CheckerSpeed {
  private CheckerSpeed() {}

  /** What one timed run saw. */
  record Figure(GeneratedHistory.Shape shape, int histories, long nanos, long configurationsMean,
                long configurationsMax, int notPassed) {
    double historiesPerSecond() {
      return histories * 1e9 / nanos;
    }

    @Override
    public String toString() {
      return String.format("%d histories of %d ops over %d keys (%d%% unknown, overlap %d ticks): %.0f histories/s,"
              + " %.0f ops/s, %.2f ms each; configurations mean %d max %d; not passed %d",
          histories, shape.operations(), shape.keys(), shape.unknownPercent(), shape.overlapTicks(),
          historiesPerSecond(), historiesPerSecond() * shape.operations(), nanos / 1e6 / histories,
          configurationsMean, configurationsMax, notPassed);
    }
  }

  static Figure measure(int histories, GeneratedHistory.Shape shape) {
    List<History> generated = new ArrayList<>(histories);
    for (int seed = 0; seed < histories; seed++) {
      generated.add(GeneratedHistory.generate(seed, shape).history());
    }
    LinearizabilityChecker checker = new LinearizabilityChecker();
    for (History h : generated) {
      checker.check(h);
    }
    long total = 0;
    long max = 0;
    int notPassed = 0;
    long start = System.nanoTime();
    for (History h : generated) {
      CheckResult r = checker.check(h);
      if (r instanceof CheckResult.Passed p) {
        total += p.configurations();
        max = Math.max(max, p.configurations());
      } else {
        notPassed++;
      }
    }
    long nanos = System.nanoTime() - start;
    return new Figure(shape, histories, nanos, total / histories, max, notPassed);
  }

  public static void main(String[] args) {
    int histories = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int operations = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    int keys = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int unknownPercent = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    int overlapTicks = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    System.out.println(measure(histories,
        GeneratedHistory.Shape.quorumOnly(operations, keys, unknownPercent, overlapTicks)));
  }
}
