package io.vivace.db;

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
