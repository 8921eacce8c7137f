package io.vivace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.db.testing.TcpProxy;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An event loop's connection goes away: what was in flight on it answers 503 with
 * {@code Retry-After} at once, the other loops keep serving, and the loop reconnects by itself.
 */
class ConnectionLossTest {

  @Test
  void cutOffInFlightAndNewQueriesGet503FastThenServiceResumesWithinTwoSeconds() throws Exception {
    DatabaseUrl url = TestDatabase.fresh();
    try (TcpProxy proxy = new TcpProxy(url.host(), url.port())) {
      App app = Vivace.app(TestServer.options());
      Database db = Database.attach(app, new DbOptions().url(new DatabaseUrl("127.0.0.1", proxy.port(), url.database(),
          url.user(), url.password())).migrate(false));
      app.get("/now", () -> db.one("SELECT 42", Tuple.tuple(), r -> r.getInteger(0)).map(String::valueOf));
      app.get("/slow", () -> db.one("SELECT 42 FROM pg_sleep(30)", Tuple.tuple(), r -> r.getInteger(0)).map(String::valueOf));
      try (TestServer server = TestServer.started(app)) {
        assertEquals("42", server.get("/now").body());
        CompletableFuture<HttpResponse<String>> slow = sendAsync(server, "/slow");
        awaitSleeping(url);

        proxy.cut();
        HttpResponse<String> inFlight = slow.get(5, TimeUnit.SECONDS); // deadline: no hang
        assertUnavailable(inFlight);
        for (int i = 0; i < 5; i++) {
          long t0 = System.nanoTime();
          HttpResponse<String> down = server.get("/now");
          long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
          assertUnavailable(down);
          assertTrue(ms < 1_000, "answered in " + ms + " ms");
        }

        proxy.restore();
        long restored = System.nanoTime();
        int status = 0;
        long deadline = restored + TimeUnit.SECONDS.toNanos(5);
        while (status != 200 && System.nanoTime() < deadline) {
          status = server.get("/now").statusCode();
          if (status != 200) {
            Thread.sleep(20);
          }
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restored);
        assertEquals(200, status, "service resumed without a restart");
        assertTrue(ms < 2_000, "resumed " + ms + " ms after the database came back");
      }
    } finally {
      TestDatabase.drop(url);
    }
  }

  @Test
  void aTerminatedBackendAnswers503AndTheOtherLoopKeepsServing() throws Exception {
    DatabaseUrl url = TestDatabase.fresh();
    App app = Vivace.app(TestServer.options().eventLoops(2));
    Database db = Database.attach(app, new DbOptions().url(url).migrate(false));
    app.get("/now", () -> db.one("SELECT 42", Tuple.tuple(), r -> r.getInteger(0)).map(String::valueOf));
    app.get("/slow", () -> db.one("SELECT 42 FROM pg_sleep(30)", Tuple.tuple(), r -> r.getInteger(0)).map(String::valueOf));
    TestServer server = TestServer.started(app);
    try {
      CompletableFuture<HttpResponse<String>> slow = sendAsync(server, "/slow");
      awaitSleeping(url);
      // 57P01 "terminating connection due to administrator command", from a real server
      assertEquals(1, admin(url, "SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity"
          + " WHERE datname = current_database() AND query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()"));
      assertUnavailable(slow.get(5, TimeUnit.SECONDS));
      awaitBothLoopsConnected(url);

      // One loop loses its connection: every request still answers, on both loops.
      assertEquals(1, admin(url, "SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity"
          + " WHERE datname = current_database() AND application_name = 'vivace loop 0'"));
      for (int i = 0; i < 10; i++) {
        try (RawHttp raw = server.raw()) { // new connections land on alternating event loops
          raw.write(RawHttp.get("/now"));
          RawHttp.Response r = raw.readOne();
          assertTrue(r.status() == 200 || r.status() == 503, "a 200, or at worst a fast 503: " + r.status());
        }
      }
      awaitBothLoopsConnected(url);
      for (int i = 0; i < 10; i++) {
        try (RawHttp raw = server.raw()) {
          raw.write(RawHttp.get("/now"));
          assertEquals("42", raw.readOne().body());
        }
      }
    } finally {
      TestDatabase.closeAndDrop(server, url);
    }
  }

  private static void awaitBothLoopsConnected(DatabaseUrl url) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (LoopConnectionsTest.loopConnections(url) < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(2, LoopConnectionsTest.loopConnections(url), "the loop reconnected within 2 s");
  }

  static void assertUnavailable(HttpResponse<String> r) {
    assertEquals(503, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("content-type").orElseThrow());
    assertEquals("1", r.headers().firstValue("retry-after").orElse(null), "Retry-After");
  }

  private static CompletableFuture<HttpResponse<String>> sendAsync(TestServer server, String path) {
    return java.net.http.HttpClient.newHttpClient().sendAsync(
        HttpRequest.newBuilder(server.uri(path)).timeout(java.time.Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Waits (at most 5 s) until the server runs the slow statement. */
  private static void awaitSleeping(DatabaseUrl url) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    String q = "SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database()"
        + " AND query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid() AND state = 'active'";
    while (admin(url, q) == 0) {
      assertTrue(System.nanoTime() < deadline, "the slow statement never started");
      Thread.sleep(20);
    }
  }

  static int admin(DatabaseUrl url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
