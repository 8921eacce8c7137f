package io.vivace.db;

/**
 * A query that must return at most one row returned more ({@link Sql#one}), as jOOQ's
 * {@code fetchOne} refuses: a bug in the query (a missing key condition), never a client's
 * mistake, so the web edge answers 500 with a request id and logs it.
 */
public final class TooManyRowsException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int rows;

  /** @param rows how many rows came back (more than one) */
  public TooManyRowsException(int rows) {
    super("one row expected, " + rows + " returned");
    this.rows = rows;
  }

  /** How many rows came back. */
  public int rows() {
    return rows;
  }
}
