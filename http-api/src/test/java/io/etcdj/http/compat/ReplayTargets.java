package io.etcdj.http.compat;

/**
 * Where a fixture step's requests go: the member its {@code member} field names ("m2", or
 * "m1:peer" for that member's peer URL), or the one server of a single-member replay (steps
 * without a member).
 */
@FunctionalInterface
interface ReplayTargets {
  /** The address of {@code member} ("" when the step names none). */
  Target of(String member);

  record Target(String host, int port) {
    /** What {@code {{host}}} in a recorded request head becomes. */
    String hostPort() { return host + ":" + port; }
  }

  static ReplayTargets single(String host, int port) {
    Target only = new Target(host, port);
    return member -> only;
  }
}
