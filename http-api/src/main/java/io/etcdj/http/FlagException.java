package io.etcdj.http;

/** A command line that cannot be accepted; {@code exitCode} is what Go's flag package would exit with. */
public final class FlagException extends IllegalArgumentException {
  private final int exitCode;

  public FlagException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() { return exitCode; }
}
