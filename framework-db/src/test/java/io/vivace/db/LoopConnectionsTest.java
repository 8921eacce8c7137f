package io.vivace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.db.eager.Eager;
import io.vivace.db.eager.Relation;
import io.vivace.db.testing.TestDatabase;
import io.vivace.pagination.PageRequest;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The default layout: each event loop queries through its own pipelined connection, on its own
 * thread, and a request's concurrent statements share that one connection.
 */
class LoopConnectionsTest {
  private static final int FAN_OUT = 64;

  /** Children whose rows say which backend (connection) answered. */
  private static final Relation<Integer, int[]> PIDS_A = Relation.hasMany(
      "SELECT k, pg_backend_pid() FROM unnest($1::int[]) AS k", row -> new int[] {row.getInteger(0), row.getInteger(1)},
      p -> p, c -> c[0]);
  private static final Relation<Integer, int[]> PIDS_B = Relation.hasMany(
      "SELECT k, pg_backend_pid() FROM unnest($1::int[]) AS k ORDER BY k", row -> new int[] {row.getInteger(0), row.getInteger(1)},
      p -> p, c -> c[0]);

  @Test
  void eachEventLoopQueriesThroughItsOwnConnectionOnItsOwnThread() throws Exception {
    DatabaseUrl url = TestDatabase.fresh();
    App app = Vivace.app(TestServer.options().eventLoops(2));
    Database db = Database.attach(app, new DbOptions().url(url).migrate(false));
    app.get("/who", () -> {
      String before = Thread.currentThread().getName();
      return db.one("SELECT pg_backend_pid()", Tuple.tuple(), r -> r.getInteger(0))
          .map(pid -> before + " " + Thread.currentThread().getName() + " " + pid);
    });
    TestServer server = TestServer.started(app);
    try {
      Map<String, Set<String>> pidsByLoop = new HashMap<>();
      for (int i = 0; i < 12; i++) {
        try (RawHttp raw = server.raw()) { // new connections land on alternating event loops
          for (int j = 0; j < 3; j++) {
            raw.write(RawHttp.get("/who"));
            String[] parts = raw.readOne().body().split(" ");
            assertEquals(parts[0], parts[1], "the result came back on the request's thread");
            pidsByLoop.computeIfAbsent(parts[0], k -> new HashSet<>()).add(parts[2]);
          }
        }
      }
      assertEquals(2, pidsByLoop.size(), "both event loops served: " + pidsByLoop);
      Set<String> all = new HashSet<>();
      for (Set<String> pids : pidsByLoop.values()) {
        assertEquals(1, pids.size(), "one connection per loop: " + pidsByLoop);
        all.addAll(pids);
      }
      assertEquals(2, all.size(), "no connection shared between loops: " + pidsByLoop);
      assertEquals(2, loopConnections(url), "one connection per loop, named after it");
      assertEquals(200, server.get("/health").statusCode());
    } finally {
      TestDatabase.closeAndDrop(server, url);
    }
  }

  @Test
  void aRequestsConcurrentStatementsArePipelinedOnItsLoopsOneConnection() throws Exception {
    DatabaseUrl url = TestDatabase.fresh();
    App app = Vivace.app(TestServer.options().eventLoops(1));
    Database db = Database.attach(app, new DbOptions().url(url).migrate(false).pipeliningLimit(16));
    // FAN_OUT single-row statements at once (more than the pipelining limit: the rest wait in the
    // connection's queue), a page (count and rows at once) and two sibling relations: every
    // backend pid they report, and the loop's own.
    app.get("/fan", () -> {
      List<Future<Integer>> reads = new ArrayList<>();
      for (int i = 0; i < FAN_OUT; i++) {
        reads.add(db.one("SELECT pg_backend_pid() + 0 * $1::int", Tuple.of(i), r -> r.getInteger(0)));
      }
      Future<io.vivace.pagination.Page<Integer>> page = db.page(
          "SELECT pg_backend_pid() FROM generate_series(1, 3) ORDER BY 1", "SELECT pg_backend_pid()::bigint",
          Tuple.tuple(), new PageRequest(1, 10, 0), r -> r.getInteger(0));
      Future<io.vivace.db.eager.Loaded<Integer>> eager = Eager.load(db, List.of(1, 2, 3), PIDS_A, PIDS_B);
      List<Future<?>> everything = new ArrayList<>(reads);
      everything.add(page);
      everything.add(eager);
      return Future.all(everything).map(done -> {
        Set<Integer> pids = new TreeSet<>();
        reads.forEach(f -> pids.add(f.result()));
        pids.addAll(page.result().items());
        pids.add((int) page.result().total());
        for (int[] c : eager.result().all(PIDS_A)) {
          pids.add(c[1]);
        }
        for (int[] c : eager.result().all(PIDS_B)) {
          pids.add(c[1]);
        }
        return pids.toString();
      });
    });
    TestServer server = TestServer.started(app);
    try {
      int before = connections(url);
      String first = server.get("/fan").body();
      for (int i = 0; i < 5; i++) {
        assertEquals(first, server.get("/fan").body(), "every statement on the same one connection");
      }
      assertTrue(first.matches("\\[\\d+]"), "one backend answered everything: " + first);
      assertEquals(before, connections(url), "no connection opened for the fan-out");
      assertEquals(1, loopConnections(url));
    } finally {
      TestDatabase.closeAndDrop(server, url);
    }
  }

  @Test
  void offTheEventLoopsQueriesUseTheLoopsConnectionsAndComeBackToTheCallersContext() throws Exception {
    DatabaseUrl url = TestDatabase.fresh();
    App app = Vivace.app(TestServer.options().eventLoops(2));
    Database db = Database.attach(app, new DbOptions().url(url).migrate(false));
    app.get("/blocking", () -> {
      io.vertx.core.Context caller = io.vertx.core.Vertx.currentContext();
      List<Future<String>> reads = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        reads.add(db.one("SELECT pg_backend_pid()", Tuple.tuple(), r -> r.getInteger(0))
            .map(pid -> pid + (io.vertx.core.Vertx.currentContext() == caller ? "" : " elsewhere")));
      }
      Future<List<String>> all = Future.all(reads).map(done -> {
        List<String> out = new ArrayList<>();
        reads.forEach(f -> out.add(f.result()));
        return out;
      });
      return all.toCompletionStage().toCompletableFuture().join().toString(); // a blocking handler may wait
    }).blocking();
    TestServer server = TestServer.started(app);
    try {
      String body = server.get("/blocking").body();
      assertTrue(!body.contains("elsewhere"), "every result on the caller's context: " + body);
      Set<String> pids = new TreeSet<>(List.of(body.replaceAll("[\\[\\] ]", "").split(",")));
      assertEquals(2, pids.size(), "round-robin over both loops' connections: " + body);
      assertEquals(2, loopConnections(url), "and no other connection for queries");
    } finally {
      TestDatabase.closeAndDrop(server, url);
    }
  }

  @Test
  void startFailsWithOneLineWhenNoLoopConnectionCanOpen() throws Exception {
    DatabaseUrl url = TestDatabase.fresh();
    String role = "vivace_test_role_" + Long.toHexString(System.nanoTime());
    DatabaseUrl admin = TestDatabase.server();
    // The role may hold one connection: the pool's, opened first by the startup check.
    execute(admin, "CREATE ROLE " + role + " LOGIN CONNECTION LIMIT 1");
    try {
      App app = Vivace.app(TestServer.options().eventLoops(2));
      Database.attach(app, new DbOptions().url(new DatabaseUrl(url.host(), url.port(), url.database(), role, null))
          .migrate(false));
      java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
          java.util.concurrent.ExecutionException.class,
          () -> app.start().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS));
      String message = e.getCause().getMessage();
      assertTrue(message.startsWith("cannot open the event loops' connections to the database at postgres://" + role + "@"),
          message);
      assertTrue(message.contains("too many connections"), message);
    } finally {
      execute(admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
      TestDatabase.drop(url);
      execute(admin, "DROP ROLE " + role);
    }
  }

  private static void execute(DatabaseUrl url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /** The app's per-loop connections to {@code url}'s database. */
  static int loopConnections(DatabaseUrl url) throws Exception {
    return count(url, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        + " AND application_name LIKE 'vivace loop %'");
  }

  private static int connections(DatabaseUrl url) throws Exception {
    return count(url, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
  }

  private static int count(DatabaseUrl url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
