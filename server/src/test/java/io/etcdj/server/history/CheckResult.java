package io.etcdj.server.history;

import java.util.List;

/** The verdict on a history (or on one of its partitions). */
public sealed interface CheckResult permits CheckResult.Passed, CheckResult.Violation, CheckResult.TooLarge {

  boolean passed();

  /** What the simulator prints next to its seed: one paragraph, the violation's reasoning if any. */
  String describe();

  /**
   * Every partition has a linearization (or, for plain reads, every read is explained).
   *
   * @param configurations how many configurations the search stood in, summed over partitions
   */
  record Passed(int partitions, long configurations) implements CheckResult {
    @Override
    public boolean passed() {
      return true;
    }

    @Override
    public String describe() {
      return "ok: " + partitions + " key(s), " + configurations + " configuration(s) explored";
    }
  }

  /**
   * No order of {@code key}'s operations explains what its clients saw.
   *
   * @param explanation the operations around the point where no linearization extends, with
   *     times and answers, in words
   * @param involved those operations, for a caller that wants to print them its own way
   */
  record Violation(String key, String explanation, List<Operation> involved) implements CheckResult {
    public Violation {
      involved = List.copyOf(involved);
    }

    @Override
    public boolean passed() {
      return false;
    }

    @Override
    public String describe() {
      return "violation on key " + key + ":\n" + explanation;
    }
  }

  /**
   * The search of {@code key}'s partition stood in more than {@code configurationBudget}
   * configurations without deciding. Neither ok nor proven wrong: investigate (a history that
   * large or that concurrent is itself suspicious in a simulation).
   */
  record TooLarge(String key, int operations, long configurationBudget) implements CheckResult {
    @Override
    public boolean passed() {
      return false;
    }

    @Override
    public String describe() {
      return "undecided on key " + key + ": " + operations + " operations needed more than "
          + configurationBudget + " configurations";
    }
  }
}
