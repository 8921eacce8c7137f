package io.vivace.db;

/**
 * A statement broke a constraint of the schema (SQL states of class 23, PostgreSQL appendix A).
 * The message names the kind and the constraint for logs; it never holds the values. At the web
 * edge unique and foreign-key violations become 409 problems, not-null and check violations 422,
 * without the constraint's name. The cause is the driver's exception.
 */
public final class ConstraintViolation extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of constraint was broken. */
  public enum Kind {
    /** {@code 23505}: a unique index or primary key. */
    UNIQUE,
    /** {@code 23503}: a foreign key (a missing referenced row, or a row still referred to). */
    FOREIGN_KEY,
    /** {@code 23502}: a NOT NULL column. */
    NOT_NULL,
    /** {@code 23514}: a CHECK constraint. */
    CHECK
  }

  private final Kind kind;
  private final String constraint;
  private final String sqlState;

  /**
   * @param kind the kind broken
   * @param constraint the constraint's name, or null when the server did not say
   * @param sqlState the SQL state ({@code 23505}...)
   * @param cause the driver's exception
   */
  public ConstraintViolation(Kind kind, String constraint, String sqlState, Throwable cause) {
    super(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " violation"
        + (constraint != null ? " of " + constraint : "") + " (SQL state " + sqlState + ")", cause);
    this.kind = java.util.Objects.requireNonNull(kind, "kind");
    this.constraint = constraint;
    this.sqlState = sqlState;
  }

  public Kind kind() {
    return kind;
  }

  /** The constraint's name, or null. */
  public String constraint() {
    return constraint;
  }

  public String sqlState() {
    return sqlState;
  }
}
