package io.vivace.db;

/**
 * The database cannot serve the statement right now, and a retry later may succeed: a lost or
 * refused connection, a pool wait that timed out, a statement timeout or cancel (57014), a
 * serialization failure or deadlock (40001, 40P01), too many connections (53300). At the web edge
 * it becomes a 503 problem. The cause is the driver's exception.
 */
public final class DatabaseUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param cause the driver's exception */
  public DatabaseUnavailableException(Throwable cause) {
    super("the database is unavailable: " + io.vivace.config.Secrets.maskUrl(String.valueOf(cause)), cause);
  }
}
