package io.etcdj.client.cli;

/** etcdctl v2's exit codes. */
final class ExitCode {
  static final int SUCCESS = 0;
  static final int BAD_ARGS = 1;
  static final int BAD_CONNECTION = 2;
  static final int SERVER_ERROR = 4;
  static final int CLUSTER_NOT_HEALTHY = 5;

  private ExitCode() {}
}
