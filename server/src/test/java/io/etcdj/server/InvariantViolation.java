package io.etcdj.server;

/**
 * A Raft or state-machine invariant the simulation saw broken, named after the property (the
 * Raft paper's figure 3 where it has a name), with what broke it in words. Thrown from inside the
 * simulation step where it was seen, so the schedule stops right there.
 */
final class InvariantViolation extends AssertionError {
  private final String property;

  InvariantViolation(String property, String detail) {
    super(property + ": " + detail);
    this.property = property;
  }

  String property() { return property; }
}
