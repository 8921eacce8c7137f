package io.vivace.db.impl;

import io.vivace.db.ConstraintViolation;
import io.vivace.db.DatabaseUnavailableException;
import io.vivace.db.NotFoundException;
import io.vivace.problem.ProblemException;
import io.vivace.problem.ProblemMapper;

/**
 * The data layer's typed exceptions as problems, at the web edge (registered as a
 * {@link ProblemMapper} service): {@link NotFoundException} → 404, a unique or foreign-key
 * {@link ConstraintViolation} → 409, a not-null or check one → 422,
 * {@link DatabaseUnavailableException} → 503 with {@code Retry-After}. The answers hold no SQL, table, constraint or value;
 * the log keeps those. A failure of another kind is not this mapper's. Thread-safe.
 */
public final class DbProblemMapper implements ProblemMapper {
  private static final ProblemException NOT_FOUND = ProblemException.notFound("The resource does not exist.");
  private static final ProblemException UNIQUE = ProblemException.conflict("A resource with the same unique values already exists.");
  private static final ProblemException FOREIGN_KEY = ProblemException.conflict(
      "The request refers to a resource that does not exist, or one that is still referred to.");
  private static final ProblemException REQUIRED = ProblemException.of(422, "The request leaves out or breaks a required value.");
  private static final ProblemException UNAVAILABLE = new ProblemException(
      io.vivace.problem.Problem.of(503, "The database is unavailable right now; try again shortly."),
      java.util.Map.of("Retry-After", Integer.toString(io.vivace.db.DbProblems.RETRY_AFTER_SECONDS)));

  @Override
  public ProblemException toProblem(Throwable failure) {
    if (failure instanceof NotFoundException) {
      return NOT_FOUND;
    }
    if (failure instanceof ConstraintViolation) {
      switch (((ConstraintViolation) failure).kind()) {
        case UNIQUE:
          return UNIQUE;
        case FOREIGN_KEY:
          return FOREIGN_KEY;
        default:
          return REQUIRED;
      }
    }
    if (failure instanceof DatabaseUnavailableException) {
      return UNAVAILABLE;
    }
    return null;
  }
}
