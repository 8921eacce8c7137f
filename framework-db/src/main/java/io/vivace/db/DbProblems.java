package io.vivace.db;

import io.vertx.sqlclient.DatabaseException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/**
 * Maps the driver's failures to the data layer's typed exceptions, which say what happened without
 * HTTP (the web edge turns them into problems, see {@code io.vivace.db.impl.DbProblemMapper}):
 * <ul>
 *   <li>unique violation (23505), foreign-key violation (23503), not-null violation (23502),
 *       check violation (23514) → {@link ConstraintViolation} of that kind, with the constraint's
 *       name;</li>
 *   <li>statement timeout or cancel (57014), serialization failure or deadlock (40001, 40P01),
 *       too many connections (53300), a lost or refused connection, a pool wait that timed out →
 *       {@link DatabaseUnavailableException};</li>
 *   <li>anything else unchanged (a 500 with a request id at the edge).</li>
 * </ul>
 */
public final class DbProblems {
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
          case "57014":
          case "40001":
          case "40P01":
          case "53300":
            return new DatabaseUnavailableException(failure);
          default:
            return failure;
        }
      }
    }
    if (isConnectionFailure(failure)) {
      return new DatabaseUnavailableException(failure);
    }
    return failure;
  }

  private static ConstraintViolation violation(ConstraintViolation.Kind kind, String state, Throwable failure) {
    String constraint = failure instanceof io.vertx.pgclient.PgException
        ? ((io.vertx.pgclient.PgException) failure).getConstraint() : null;
    return new ConstraintViolation(kind, constraint, state, failure);
  }

  private static boolean isConnectionFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof io.vertx.sqlclient.ClosedConnectionException || t instanceof ConnectException
          || t instanceof ClosedChannelException || t instanceof TimeoutException
          || t instanceof io.netty.channel.ConnectTimeoutException
          || t.getClass().getName().endsWith("NoStackTraceTimeoutException")  // pool wait timed out
          || String.valueOf(t.getMessage()).contains("Connection refused")
          || String.valueOf(t.getMessage()).startsWith("Timeout waiting for connection")) { // pool acquire timeout
        return true;
      }
    }
    return false;
  }
}
