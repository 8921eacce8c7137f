package io.vivace.db;

import io.vertx.sqlclient.DatabaseException;
import io.vivace.problem.ProblemException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/**
 * Maps database failures to what they mean over HTTP, without SQL, table or constraint names in
 * the answer. The problem's cause keeps them for the log: logger {@code io.vivace.errors} writes
 * {@code GET /path answered 409: SQL state 23505, constraint author_name_key, table author: ...}
 * at INFO for a 409 or 422 and at WARN for a 503 (so a database outage shows in the log):
 * <ul>
 *   <li>unique violation (23505) → 409;</li>
 *   <li>foreign-key violation (23503) → 409;</li>
 *   <li>not-null or check violation (23502, 23514) → 422;</li>
 *   <li>statement timeout or cancel (57014), serialization failure or deadlock (40001, 40P01),
 *       too many connections (53300), a lost or refused connection, a pool wait that timed out →
 *       503;</li>
 *   <li>anything else unchanged (a 500 with a request id).</li>
 * </ul>
 */
public final class DbProblems {
  private DbProblems() {
  }

  /** The problem for {@code failure}, or {@code failure} itself when it is not one a client can act on. */
  public static Throwable map(Throwable failure) {
    if (failure instanceof ProblemException) {
      return failure;
    }
    if (failure instanceof DatabaseException) {
      String state = ((DatabaseException) failure).getSqlState();
      if (state != null) {
        switch (state) {
          case "23505":
            return problem(409, "A resource with the same unique values already exists.", failure);
          case "23503":
            return problem(409, "The request refers to a resource that does not exist, or one that is still referred to.",
                failure);
          case "23502":
          case "23514":
            return problem(422, "The request leaves out or breaks a required value.", failure);
          case "57014":
          case "40001":
          case "40P01":
          case "53300":
            return unavailable(failure);
          default:
            return failure;
        }
      }
    }
    if (isConnectionFailure(failure)) {
      return unavailable(failure);
    }
    return failure;
  }

  private static ProblemException unavailable(Throwable cause) {
    return problem(503, "The database is unavailable right now; try again shortly.", cause);
  }

  /** A problem whose cause, for the log only, names the SQL state and constraint of {@code failure}. */
  private static ProblemException problem(int status, String detail, Throwable failure) {
    return new ProblemException(io.vivace.problem.Problem.of(status, detail), new DatabaseFailure(failure));
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
      if (failure instanceof io.vertx.pgclient.PgException pg) {
        return "SQL state " + pg.getSqlState()
            + (pg.getConstraint() != null ? ", constraint " + pg.getConstraint() : "")
            + (pg.getTable() != null ? ", table " + pg.getTable() : "")
            + (pg.getColumn() != null ? ", column " + pg.getColumn() : "")
            + ": " + pg.getErrorMessage();
      }
      if (failure instanceof DatabaseException db) {
        return "SQL state " + db.getSqlState() + ": " + db.getMessage();
      }
      return "database unreachable: " + failure;
    }

    @Override
    public String toString() {
      return getMessage();
    }
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
