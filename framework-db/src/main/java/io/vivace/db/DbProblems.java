package io.vivace.db;

import io.vertx.sqlclient.DatabaseException;
import io.vivace.problem.Problem;
import io.vivace.problem.ProblemException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Maps database failures to what they mean over HTTP, without SQL, table or constraint names in
 * the answer (the log keeps the original):
 * <ul>
 *   <li>unique violation (23505) → 409;</li>
 *   <li>foreign-key violation (23503) → 409;</li>
 *   <li>not-null or check violation (23502, 23514) → 422;</li>
 *   <li>503 with {@code Retry-After: 1} (RFC 9110 section 10.2.3) for every failure that is the
 *       database's state rather than the request's: SQLSTATE class 08 (connection exception),
 *       class 53 (insufficient resources, as 53300 too many connections), class 57 (operator
 *       intervention: 57014 statement timeout or cancel, 57P01 terminated by an administrator,
 *       57P02 crash shutdown, 57P03 shutting down or starting up), 25P03 (idle-in-transaction
 *       timeout), serialization failure or deadlock (40001, 40P01); and every connection-level
 *       failure: a refused, reset or closed connection ({@code ClosedConnectionException},
 *       "Connection is not active now", "Connection reset by peer", any {@link IOException} in
 *       the cause chain), a connect or pool wait that timed out, no connection at all;</li>
 *   <li>anything else unchanged (a 500 with a request id).</li>
 * </ul>
 * Thread-safe; allocates nothing for the 503 (one shared, stackless problem).
 */
public final class DbProblems {
  /** The {@code Retry-After} of a 503, in seconds: {@value}. */
  public static final int RETRY_AFTER_SECONDS = 1;

  private static final ProblemException UNAVAILABLE = new ProblemException(
      Problem.of(503, "The database is unavailable right now; try again shortly."),
      Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));

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
            return ProblemException.conflict("A resource with the same unique values already exists.");
          case "23503":
            return ProblemException.conflict("The request refers to a resource that does not exist, or one that is still referred to.");
          case "23502":
          case "23514":
            return ProblemException.of(422, "The request leaves out or breaks a required value.");
          case "40001":
          case "40P01":
          case "25P03":
            return UNAVAILABLE;
          default:
            return state.startsWith("08") || state.startsWith("53") || state.startsWith("57") ? UNAVAILABLE : failure;
        }
      }
    }
    if (isConnectionFailure(failure)) {
      return UNAVAILABLE;
    }
    return failure;
  }

  /** The 503 problem (with {@code Retry-After}) of an unavailable database: one shared instance. */
  public static ProblemException unavailable() {
    return UNAVAILABLE;
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
