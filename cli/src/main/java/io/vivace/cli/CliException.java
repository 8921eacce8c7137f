package io.vivace.cli;

/**
 * A failure the user can act on: a one-line message (no stack trace) and the process exit status
 * ({@link VivaceCli#EXIT_USAGE}, {@link VivaceCli#EXIT_REFUSED}, ...).
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  /** A usage error (exit 1): a bad name, type, option value or reference. */
  static CliException usage(String message) {
    return new CliException(VivaceCli.EXIT_USAGE, message);
  }

  /** A refusal to overwrite (exit 2). */
  static CliException refused(String message) {
    return new CliException(VivaceCli.EXIT_REFUSED, message);
  }

  int exitCode() {
    return exitCode;
  }
}
