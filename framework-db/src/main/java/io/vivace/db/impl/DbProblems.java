package io.vivace.db.impl;

import io.vivace.db.ConstraintViolation;
import io.vivace.db.DatabaseUnavailableException;
import io.vivace.db.NotFoundException;
import io.vertx.sqlclient.DatabaseException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Maps the driver's failures to the data layer's typed exceptions, which say what happened without
 * HTTP (the web edge turns them into problems, see {@code io.vivace.db.impl.DbProblemMapper}):
 * <ul>
 *   <li>unique violation (23505), foreign-key violation (23503), not-null violation (23502),
 *       check violation (23514) → {@link ConstraintViolation} of that kind, with the constraint's
 *       name (409 or 422 at the edge);</li>
 *   <li>every failure that is the database's state rather than the request's →
 *       {@link DatabaseUnavailableException} (503 with {@code Retry-After: 1} at the edge, RFC 9110
 *       section 10.2.3): SQLSTATE class 08 (connection exception), class 53 (insufficient
 *       resources, as 53300 too many connections), class 57 (operator intervention: 57014
 *       statement timeout or cancel, 57P01 terminated by an administrator, 57P02 crash shutdown,
 *       57P03 shutting down or starting up), 25P03 (idle-in-transaction timeout), serialization
 *       failure or deadlock (40001, 40P01); and every connection-level failure: a refused, reset or
 *       closed connection ({@code ClosedConnectionException}, "Connection is not active now",
 *       "Connection reset by peer", any {@link IOException} in the cause chain), a connect or pool
 *       wait that timed out, no connection at all;</li>
 *   <li>anything else unchanged (a 500 with a request id at the edge).</li>
 * </ul>
 * Thread-safe.
 */
public final class DbProblems {
  private static final DatabaseUnavailableException NO_CONNECTION = DatabaseUnavailableException.noConnection();

  private DbProblems() {
  }

  /** The typed exception for {@code failure}, or {@code failure} itself when it is none of the above. */
  public static Throwable map(Throwable failure) {
    if (failure instanceof io.vivace.problem.ProblemException || failure instanceof ConstraintViolation
        || failure instanceof DatabaseUnavailableException || failure instanceof NotFoundException) {
      return failure;
    }
    if (failure instanceof DatabaseException) {
      String state = ((DatabaseException) failure).getSqlState();
      if (state != null) {
        switch (state) {
          case "23505":
            return violation(ConstraintViolation.Kind.UNIQUE, state, failure);
          case "23503":
            return violation(ConstraintViolation.Kind.FOREIGN_KEY, state, failure);
          case "23502":
            return violation(ConstraintViolation.Kind.NOT_NULL, state, failure);
          case "23514":
            return violation(ConstraintViolation.Kind.CHECK, state, failure);
          case "40001":
          case "40P01":
          case "25P03":
            return new DatabaseUnavailableException(failure);
          default:
            return state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                ? new DatabaseUnavailableException(failure) : failure;
        }
      }
    }
    if (isConnectionFailure(failure)) {
      return new DatabaseUnavailableException(failure);
    }
    return failure;
  }

  /** The failure of a statement that found no connection to run on: one shared, stackless instance. */
  public static DatabaseUnavailableException unavailable() {
    return NO_CONNECTION;
  }

  private static ConstraintViolation violation(ConstraintViolation.Kind kind, String state, Throwable failure) {
    String constraint = failure instanceof io.vertx.pgclient.PgException
        ? ((io.vertx.pgclient.PgException) failure).getConstraint() : null;
    return new ConstraintViolation(kind, constraint, state, failure);
  }

  private static boolean isConnectionFailure(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
      if (t instanceof io.vertx.sqlclient.ClosedConnectionException || t instanceof IOException // reset, refused, closed channel
          || t instanceof TimeoutException || t instanceof io.netty.channel.ConnectTimeoutException
          || t.getClass().getName().endsWith("NoStackTraceTimeoutException")) { // pool wait timed out
        return true;
      }
      String m = t.getMessage();
      if (m != null && (m.startsWith("Connection is not active now") // a command sent on a closed connection
          || m.startsWith("Pending requests failed to be sent") // queued behind the pipelining limit when it closed
          || m.startsWith("Timeout waiting for connection") // pool acquire timeout
          || m.contains("Connection refused") || m.contains("Connection reset") || m.contains("Broken pipe")
          || m.startsWith("Pool closed") || m.contains("connection has been closed"))) {
        return true;
      }
    }
    return false;
  }
}
