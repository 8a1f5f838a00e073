package io.etcdj.server.history;

/**
 * Both checks a simulated history gets: its quorum operations must be linearizable per key, and
 * its plain reads must pass the weaker {@link PlainReadChecker}.
 */
public final class HistoryCheck {
  private HistoryCheck() {}

  /** The linearizability verdict if it is not a pass, else the plain reads' verdict. */
  public static CheckResult check(History history, LinearizabilityChecker checker) {
    CheckResult linearizable = checker.check(history);
    if (!linearizable.passed()) {
      return linearizable;
    }
    CheckResult plain = new PlainReadChecker().check(history);
    return plain.passed() ? linearizable : plain;
  }

  public static CheckResult check(History history) {
    return check(history, new LinearizabilityChecker());
  }
}
