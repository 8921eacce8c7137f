package io.vivace.db.impl;

import io.vertx.sqlclient.DatabaseException;
import io.vivace.db.ConstraintViolation;
import io.vivace.db.DatabaseUnavailableException;
import io.vivace.db.NotFoundException;
import io.vivace.problem.Problem;
import io.vivace.problem.ProblemException;
import io.vivace.problem.ProblemMapper;
import java.util.Map;

/**
 * The data layer's typed exceptions as problems, at the web edge (registered as a
 * {@link ProblemMapper} service): {@link NotFoundException} → 404, a unique or foreign-key
 * {@link ConstraintViolation} → 409, a not-null or check one → 422,
 * {@link DatabaseUnavailableException} → 503 with {@code Retry-After}
 * ({@link DatabaseUnavailableException#RETRY_AFTER_SECONDS} s). The answers hold no SQL, table, constraint or value.
 * The problem's cause, for the log only (logger {@code io.vivace.errors}: INFO for a 409 or 422,
 * WARN for a 503, so an outage shows), reads {@code SQL state 23505, constraint author_name_key,
 * table author: <the server's message>}. A failure of another kind is not this mapper's.
 * Thread-safe.
 */
public final class DbProblemMapper implements ProblemMapper {
  private static final ProblemException NOT_FOUND = ProblemException.notFound("The resource does not exist.");
  private static final Problem UNIQUE = Problem.of(409, "A resource with the same unique values already exists.");
  private static final Problem FOREIGN_KEY = Problem.of(409,
      "The request refers to a resource that does not exist, or one that is still referred to.");
  private static final Problem REQUIRED = Problem.of(422, "The request leaves out or breaks a required value.");
  private static final Problem UNAVAILABLE = Problem.of(503, "The database is unavailable right now; try again shortly.");
  private static final Map<String, String> RETRY_AFTER =
      Map.of("Retry-After", Integer.toString(DatabaseUnavailableException.RETRY_AFTER_SECONDS));

  @Override
  public ProblemException toProblem(Throwable failure) {
    if (failure instanceof NotFoundException) {
      return NOT_FOUND;
    }
    if (failure instanceof ConstraintViolation) {
      ConstraintViolation v = (ConstraintViolation) failure;
      Problem p = v.kind() == ConstraintViolation.Kind.UNIQUE ? UNIQUE
          : v.kind() == ConstraintViolation.Kind.FOREIGN_KEY ? FOREIGN_KEY : REQUIRED;
      return new ProblemException(p, new DatabaseFailure(v.getCause() != null ? v.getCause() : v));
    }
    if (failure instanceof DatabaseUnavailableException) {
      return new ProblemException(UNAVAILABLE, RETRY_AFTER,
          new DatabaseFailure(failure.getCause() != null ? failure.getCause() : failure));
    }
    return null;
  }

  /**
   * The log's view of a database failure: {@code SQL state 23505, constraint author_name_key: <the
   * server's message>}, or the failure's own text for a connection failure. No stack trace.
   */
  static final class DatabaseFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DatabaseFailure(Throwable failure) {
      super(describe(failure), failure, false, false);
    }

    private static String describe(Throwable failure) {
      if (failure instanceof io.vertx.pgclient.PgException) {
        io.vertx.pgclient.PgException pg = (io.vertx.pgclient.PgException) failure;
        return "SQL state " + pg.getSqlState()
            + (pg.getConstraint() != null ? ", constraint " + pg.getConstraint() : "")
            + (pg.getTable() != null ? ", table " + pg.getTable() : "")
            + (pg.getColumn() != null ? ", column " + pg.getColumn() : "")
            + ": " + pg.getErrorMessage();
      }
      if (failure instanceof DatabaseException) {
        return "SQL state " + ((DatabaseException) failure).getSqlState() + ": " + failure.getMessage();
      }
      return "database unreachable: " + io.vivace.config.Secrets.maskUrl(String.valueOf(failure));
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }
}
