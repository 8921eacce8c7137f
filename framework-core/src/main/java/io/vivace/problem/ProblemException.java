package io.vivace.problem;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An exception that becomes an RFC 9457 problem response. Throw it from a handler, an extractor or
 * a failed {@code Future}; the error handler answers with {@link #problem()} and its status. It
 * carries no stack trace: it is an answer, not a bug. Thread-safe.
 */
public class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /**
   * Seconds in the {@code Retry-After} header of a 503 that names none: {@value} (RFC 9110
   * section 10.2.3). The renderer adds it to every 503 answer without one.
   */
  public static final int DEFAULT_RETRY_AFTER_SECONDS = 5;

  private final transient Problem problem;
  private final transient Map<String, String> headers;

  public ProblemException(Problem problem) {
    this(problem, Map.of());
  }

  /**
   * A problem sent with extra response headers, for answers a standard pairs with a header:
   * {@code WWW-Authenticate} on a 401 (RFC 9110 section 11.6.1, RFC 6750 section 3),
   * {@code Retry-After} on a 429 or 503 (RFC 9110 section 10.2.3). The names and values are sent
   * as given; a copy of {@code headers} is kept.
   */
  public ProblemException(Problem problem, Map<String, String> headers) {
    this(problem, headers, null);
  }

  /**
   * A problem caused by {@code cause}: the answer shows only {@code problem}; the cause goes to the
   * log (logger {@code io.vivace.errors}: WARN for a 5xx, INFO for a 4xx, its {@code toString()}
   * without a stack trace), so the reason behind a 409 or a 503 can be found.
   *
   * @param cause the failure behind the problem, or null
   */
  public ProblemException(Problem problem, Throwable cause) {
    this(problem, Map.of(), cause);
  }

  /** A problem with extra response headers (see {@link #ProblemException(Problem, Map)}) and a cause (or null). */
  public ProblemException(Problem problem, Map<String, String> headers, Throwable cause) {
    super(Objects.requireNonNull(problem, "problem").detail(), cause, false, false);
    this.problem = problem;
    this.headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
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

  /** This problem with one more response header {@code name: value} (replacing one of the same name). */
  public ProblemException withHeader(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    java.util.HashMap<String, String> all = new java.util.HashMap<>(headers);
    all.put(name, value);
    return new ProblemException(problem, all, getCause());
  }

  /**
   * This problem with {@code Retry-After: seconds} (RFC 9110 section 10.2.3), for a 429 or 503.
   *
   * @throws IllegalArgumentException when {@code seconds} is negative
   */
  public ProblemException retryAfter(long seconds) {
    if (seconds < 0) {
      throw new IllegalArgumentException("seconds must be at least 0, got " + seconds);
    }
    return withHeader("Retry-After", Long.toString(seconds));
  }

  public Problem problem() {
    return problem;
  }

  /** The extra response headers, unmodifiable; empty for most problems. */
  public Map<String, String> headers() {
    return headers;
  }

  public int status() {
    return problem.status();
  }
}
