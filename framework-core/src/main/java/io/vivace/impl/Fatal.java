package io.vivace.impl;

/**
 * Ends the process when an {@link Error} (an {@link OutOfMemoryError}, a {@link StackOverflowError}
 * or any other) reaches the framework: after one, the JVM's state cannot be trusted, and a process
 * that keeps listening while it resets every connection is worse than one that exits and is
 * restarted by its supervisor. Exits with {@link #EXIT_STATUS} through {@link Runtime#halt} (no
 * shutdown hooks: they may need the memory that is gone). Pair it with the JVM flag
 * {@code -XX:+ExitOnOutOfMemoryError} for the errors raised where no framework code sees them.
 * Thread-safe.
 */
public final class Fatal {
  /** The exit status after a fatal error: {@value}. */
  public static final int EXIT_STATUS = 70;

  private Fatal() {
  }

  /** Halts the process if {@code failure} is an {@link Error}; returns otherwise. */
  public static void check(Throwable failure) {
    if (failure instanceof Error) {
      halt((Error) failure);
    }
  }

  private static void halt(Error error) {
    try {
      System.err.println("vivace: fatal " + error + " on thread " + Thread.currentThread().getName()
          + ": exiting with status " + EXIT_STATUS + " so that a supervisor restarts the process");
      System.err.flush();
    } finally {
      Runtime.getRuntime().halt(EXIT_STATUS);
    }
  }
}
