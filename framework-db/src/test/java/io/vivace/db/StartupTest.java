package io.vivace.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.TestServer;
import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Startup refuses to serve on a database it cannot reach or migrate. */
class StartupTest {

  private static Throwable startFailure(App app) {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> app.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
    return e.getCause();
  }

  @Test
  void anUnreachableDatabaseFailsStartAfterBoundedAttempts() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    App app = Vivace.app(TestServer.options());
    Database.attach(app, new DbOptions().url(new DatabaseUrl("127.0.0.1", closedPort, "x", "postgres", null))
        .connectAttempts(2));
    long t0 = System.nanoTime();
    Throwable cause = startFailure(app);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(cause.getMessage().startsWith("cannot reach the database at postgres://postgres@127.0.0.1:" + closedPort
        + "/x after 2 attempt(s)"), cause.getMessage());
    assertTrue(ms < 10_000, "gave up after " + ms + " ms");
  }

  @Test
  void aMissingDatabaseOrRoleFailsAtOnceWithoutRetries() {
    DatabaseUrl server = TestDatabase.server();
    DatabaseUrl noDatabase = server.withDatabase("vivace_no_such_database");
    DatabaseUrl noRole = new DatabaseUrl(server.host(), server.port(), server.database(), "vivace_no_such_role", null);
    for (DatabaseUrl url : new DatabaseUrl[] {noDatabase, noRole}) {
      App app = Vivace.app(TestServer.options());
      Database.attach(app, new DbOptions().url(url).connectAttempts(30).migrate(false));
      long t0 = System.nanoTime();
      Throwable cause = startFailure(app);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(ms < 20_000, "not retried (30 attempts 1 s apart take 29 s); gave up after " + ms + " ms");
      String state = url == noDatabase ? "3D000" : "28000";
      assertTrue(cause.getMessage().startsWith("the database at " + url + " refused the connection: ")
          && cause.getMessage().contains("(SQL state " + state + ")"), cause.getMessage());
      assertTrue(cause.getMessage().lines().count() == 1, cause.getMessage());
    }
  }

  @Test
  void aWrongPasswordFailsAtOnce(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) throws Exception {
    try (io.vivace.db.embedded.impl.EmbeddedPostgres pg = io.vivace.db.embedded.impl.EmbeddedPostgres.start(data)) {
      // password authentication for one role, trust for the rest (the superuser sets it up)
      java.nio.file.Path hba = data.resolve("pg_hba.conf");
      java.nio.file.Files.writeString(hba, "host all vivace_pw 127.0.0.1/32 scram-sha-256\n" + java.nio.file.Files.readString(hba));
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(
              "jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres", "postgres", null);
          java.sql.Statement st = c.createStatement()) {
        st.execute("CREATE ROLE vivace_pw LOGIN PASSWORD 'right'");
        st.execute("SELECT pg_reload_conf()");
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!refusesPassword(pg.port())) { // until the reload is in effect
        assertTrue(System.nanoTime() < deadline, "pg_hba.conf was not reloaded");
        Thread.sleep(50);
      }
      DatabaseUrl wrong = new DatabaseUrl("127.0.0.1", pg.port(), "postgres", "vivace_pw", "wrong");
      App app = Vivace.app(TestServer.options());
      Database.attach(app, new DbOptions().url(wrong).connectAttempts(30).migrate(false));
      long t0 = System.nanoTime();
      Throwable cause = startFailure(app);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(ms < 20_000, "not retried (30 attempts 1 s apart take 29 s); gave up after " + ms + " ms");
      assertTrue(cause.getMessage().contains("(SQL state 28P01)"), cause.getMessage());
      assertTrue(cause.getMessage().startsWith("the database at postgres://vivace_pw:***@127.0.0.1:" + pg.port()
          + "/postgres refused the connection: "), cause.getMessage());
      assertFalse(cause.getMessage().contains("wrong"), "no password in the message: " + cause.getMessage());
    }
  }

  private static boolean refusesPassword(int port) {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/postgres?sslmode=disable", "vivace_pw", "wrong")) {
      return false;
    } catch (java.sql.SQLException e) {
      return "28P01".equals(e.getSQLState());
    }
  }

  @Test
  void aChangedMigrationSaysWhatToDo() throws Exception {
    DatabaseUrl url = TestDatabase.fresh();
    try {
      App first = Vivace.app(TestServer.options());
      Database.attach(first, new DbOptions().url(url).migrations("classpath:db/dbtest"));
      first.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      first.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

      App changed = Vivace.app(TestServer.options());
      Database.attach(changed, new DbOptions().url(url).migrations("classpath:db/dbtest-changed"));
      Throwable cause = startFailure(changed);
      assertTrue(cause.getMessage().startsWith("a migration already applied to " + url + " has changed since"),
          cause.getMessage());
      assertTrue(cause.getMessage().contains("Migration checksum mismatch for migration version 1")
          && cause.getMessage().contains("make the change in a new migration"), cause.getMessage());
      assertTrue(cause.getMessage().lines().count() == 1, cause.getMessage());
    } finally {
      TestDatabase.drop(url);
    }
  }

  @Test
  void aFailedMigrationStopsStartupWithFlywaysMessage() {
    DatabaseUrl url = TestDatabase.fresh();
    try {
      App app = Vivace.app(TestServer.options());
      Database.attach(app, new DbOptions().url(url).migrations("classpath:db/broken"));
      Throwable cause = startFailure(app);
      assertTrue(cause.getClass().getName().startsWith("org.flywaydb"), cause.toString());
      assertTrue(cause.getMessage().contains("V1__broken.sql"), cause.getMessage());
    } finally {
      TestDatabase.drop(url);
    }
  }
}
