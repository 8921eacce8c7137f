package io.vivace.db.impl;

import io.vertx.pgclient.PgException;
import io.vivace.db.DatabaseUrl;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Tells the connection failures at start that retrying cannot fix (a missing database, a bad role or
 * password, a TLS failure) from those it can (the server is starting, restarting or not reachable
 * yet), and words them as one line naming the setting to fix.
 */
final class ConnectFailures {
  /**
   * SQL states that no retry fixes: 3D000 invalid_catalog_name (no such database), 28000
   * invalid_authorization_specification (no such role, or no pg_hba.conf entry), 28P01
   * invalid_password, 42501 insufficient_privilege (no CONNECT privilege).
   */
  static final Set<String> PERMANENT_SQL_STATES = Set.of("3D000", "28000", "28P01", "42501");

  private ConnectFailures() {
  }

  /** The one-line reason when {@code e} is permanent, or null when a retry may succeed. */
  static String permanent(DatabaseUrl url, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PgException pg && PERMANENT_SQL_STATES.contains(pg.getSqlState())) {
        return "the database at " + url + " refused the connection: " + pg.getErrorMessage() + " (SQL state "
            + pg.getSqlState() + "); check DATABASE_URL (not retried)";
      }
      if (t instanceof SSLException || isTlsRefusal(t)) {
        return "TLS to the database at " + url + " failed (sslmode=" + url.sslMode() + "): " + message(t)
            + "; check DATABASE_URL's sslmode and sslrootcert (not retried)";
      }
    }
    return null;
  }

  /** The client's error when the server answers the TLS request with "no" (its ssl setting is off). */
  private static boolean isTlsRefusal(Throwable t) {
    String m = t.getMessage();
    return m != null && !(t instanceof PgException) && (m.contains("SSL") || m.contains("TLS"));
  }

  private static String message(Throwable t) {
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }
}
