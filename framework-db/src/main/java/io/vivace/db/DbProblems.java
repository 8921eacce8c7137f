package io.vivace.db;

import io.vertx.sqlclient.DatabaseException;
import io.vivace.problem.ProblemException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/**
 * Maps database failures to what they mean over HTTP, without SQL, table or constraint names in
 * the answer (the log keeps the original):
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
            return ProblemException.conflict("A resource with the same unique values already exists.");
          case "23503":
            return ProblemException.conflict("The request refers to a resource that does not exist, or one that is still referred to.");
          case "23502":
          case "23514":
            return ProblemException.of(422, "The request leaves out or breaks a required value.");
          case "57014":
          case "40001":
          case "40P01":
          case "53300":
            return unavailable();
          default:
            return failure;
        }
      }
    }
    if (isConnectionFailure(failure)) {
      return unavailable();
    }
    return failure;
  }

  private static ProblemException unavailable() {
    return ProblemException.of(503, "The database is unavailable right now; try again shortly.");
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
