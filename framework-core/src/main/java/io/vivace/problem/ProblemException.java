package io.vivace.problem;

import java.util.List;
import java.util.Objects;

/**
 * An exception that becomes an RFC 9457 problem response. Throw it from a handler, an extractor or
 * a failed {@code Future}; the error handler answers with {@link #problem()} and its status. It
 * carries no stack trace: it is an answer, not a bug. Thread-safe.
 */
public class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(Objects.requireNonNull(problem, "problem").detail(), null, false, false);
    this.problem = problem;
  }

  /** A problem of {@code status} (400..599) with {@code detail}. */
  public static ProblemException of(int status, String detail) {
    return new ProblemException(Problem.of(status, detail));
  }

  /** 400 Bad Request listing field errors. */
  public static ProblemException badRequest(String detail, List<FieldError> errors) {
    return new ProblemException(Problem.of(400, detail, errors));
  }

  /** 404 Not Found. */
  public static ProblemException notFound(String detail) {
    return of(404, detail);
  }

  /** 409 Conflict. */
  public static ProblemException conflict(String detail) {
    return of(409, detail);
  }

  /** 422 Unprocessable Content listing every field error. */
  public static ProblemException unprocessable(List<FieldError> errors) {
    return new ProblemException(Problem.of(422, "The request body has invalid fields.", errors));
  }

  public Problem problem() {
    return problem;
  }

  public int status() {
    return problem.status();
  }
}
