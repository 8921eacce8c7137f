package io.vivace.db;

/**
 * The database cannot serve the statement right now, and a retry later may succeed: a lost, reset
 * or refused connection, no connection at all, a pool wait that timed out, SQLSTATE classes 08, 53
 * and 57 (57014 statement timeout, 57P01..57P03 shutdown and startup), 25P03, a serialization
 * failure or deadlock (40001, 40P01). At the web edge it becomes a 503 problem with
 * {@code Retry-After} ({@link #RETRY_AFTER_SECONDS} seconds). The cause, when there is
 * one, is the driver's exception; the message never holds a password.
 */
public final class DatabaseUnavailableException extends RuntimeException {
  /** The {@code Retry-After} of the 503 this becomes at the web edge, in seconds: {@value}. */
  public static final int RETRY_AFTER_SECONDS = 1;

  private static final long serialVersionUID = 1L;

  /** @param cause the driver's exception */
  public DatabaseUnavailableException(Throwable cause) {
    super("the database is unavailable: " + io.vivace.config.Secrets.maskUrl(String.valueOf(cause)), cause);
  }

  private DatabaseUnavailableException(String message) {
    super(message, null, false, false);
  }

  /**
   * A new stackless instance for "no connection to run on"; the data layer shares one, as it
   * carries no per-call state.
   */
  public static DatabaseUnavailableException noConnection() {
    return new DatabaseUnavailableException("the database is unavailable: no connection");
  }
}
