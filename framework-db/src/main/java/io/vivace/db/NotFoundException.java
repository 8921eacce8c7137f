package io.vivace.db;

/**
 * A query that must find a row found none ({@link Sql#one}). Carries no SQL. At the web edge it
 * becomes a 404 problem; outside a request (a job, a tool) the caller decides. No stack trace (it
 * is an expected outcome, cheap to make).
 */
public final class NotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what was not found, for logs */
  public NotFoundException(String message) {
    super(message, null, false, false);
  }
}
