package io.vivace.db.testing;

import io.vivace.config.Config;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.embedded.impl.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Real PostgreSQL for tests: the server of {@code DATABASE_URL} when it is set (CI points it at the
 * machine's server), otherwise an embedded server started once per test JVM under
 * {@code target/embedded-postgres} (the module's tests then need {@code io.vivace:vivace-db-embedded}
 * in test scope). Each test class takes a {@link #fresh()} database of its own,
 * so tests never see each other's rows. Shared with other modules through the test-jar.
 */
public final class TestDatabase {
  private static DatabaseUrl server;

  private TestDatabase() {
  }

  /** The test server's maintenance database (started on first use). */
  public static synchronized DatabaseUrl server() {
    if (server == null) {
      String url = Config.system().raw("DATABASE_URL");
      if (url != null) {
        server = DatabaseUrl.parse("DATABASE_URL", url);
      } else {
        try {
          EmbeddedPostgres pg = EmbeddedPostgres.start(Path.of("target", "embedded-postgres").toAbsolutePath());
          server = DatabaseUrl.parse("embedded", pg.url());
        } catch (IOException e) {
          throw new IllegalStateException("cannot start the embedded PostgreSQL for tests", e);
        } catch (NoClassDefFoundError e) {
          throw new IllegalStateException("DATABASE_URL is not set and io.vivace:vivace-db-embedded is not on the "
              + "test class path: set DATABASE_URL or add that artifact in test scope", e);
        }
      }
    }
    return server;
  }

  /** A new, empty database on the test server (UTF-8), named {@code vivace_test_<random>}. */
  public static DatabaseUrl fresh() {
    String name = "vivace_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    admin("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
    return server().withDatabase(name);
  }

  /** Drops a database made by {@link #fresh()}, closing its other connections. */
  public static void drop(DatabaseUrl url) {
    admin("DROP DATABASE IF EXISTS " + url.database() + " WITH (FORCE)");
  }

  /** Closes {@code server} (when there is one) and, whatever happens, drops {@code url}'s database. */
  public static void closeAndDrop(AutoCloseable server, DatabaseUrl url) {
    try {
      if (server != null) {
        server.close();
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not close the test server", e);
    } finally {
      if (url != null) {
        drop(url);
      }
    }
  }

  private static void admin(String statement) {
    DatabaseUrl s = server();
    try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
        Statement st = c.createStatement()) {
      st.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException("test database setup failed: " + e.getMessage(), e);
    }
  }
}
