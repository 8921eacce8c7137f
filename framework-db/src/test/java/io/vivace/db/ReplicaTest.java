package io.vivace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.db.testing.TestReplica;
import io.vivace.extract.Path;
import io.vivace.pagination.Pagination;
import io.vivace.testing.PrometheusText;
import io.vivace.testing.PrometheusText.Sample;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Read/write splitting against a real streaming replica ({@link TestReplica}: a primary and a
 * {@code pg_basebackup} copy replaying its WAL). Which server served a statement is told by
 * {@code pg_is_in_recovery()} on the connection that ran it: true on the replica, false on the
 * primary.
 */
class ReplicaTest {
  private static final long DEADLINE_MS = 30_000;
  private static TestReplica cluster;
  private static TestServer server;
  private static Database db;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestReplica.start();
    TestReplica.query(cluster.primary(), "CREATE TABLE note (id serial PRIMARY KEY, v int NOT NULL)");
    cluster.awaitReplayed(DEADLINE_MS);
    App app = Vivace.app(TestServer.options());
    db = Database.attach(app, new DbOptions().url(cluster.primary()).readUrls(List.of(cluster.replica()))
        .migrate(false).replicaMaxLagMs(300).replicaCheckIntervalMs(50));
    String recovery = "SELECT pg_is_in_recovery()";
    app.get("/read", () -> db.read().one(recovery, Tuple.tuple(), r -> r.getBoolean(0)));
    app.get("/primary", () -> db.one(recovery, Tuple.tuple(), r -> r.getBoolean(0)));
    app.get("/count/:v", Path.intValue("v"), v -> db.read().one(
        "SELECT pg_is_in_recovery(), count(*) FROM note WHERE v = $1", Tuple.of(v), r -> r.getBoolean(0) + "," + r.getLong(1)));
    // a write through the read view goes to the primary (on the replica it would fail: read-only)
    app.post("/write/:v", Path.intValue("v"), v -> db.read().execute("INSERT INTO note (v) VALUES ($1)", Tuple.of(v)));
    // read-your-writes: reads after the request's write, in its callbacks, go to the primary
    app.get("/ryw/:v", Path.intValue("v"), v -> db.one("INSERT INTO note (v) VALUES ($1) RETURNING id", Tuple.of(v),
        r -> r.getInteger(0)).compose(id -> readBack(v)).compose(first -> readBack(v).map(second -> first + ";" + second)));
    app.get("/ryw-blocking/:v", Path.intValue("v"), v -> {
      db.execute("INSERT INTO note (v) VALUES ($1)", Tuple.of(v)).toCompletionStage().toCompletableFuture().join();
      return readBack(v).toCompletionStage().toCompletableFuture().join();
    }).blocking();
    app.get("/ryw-tx/:v", Path.intValue("v"), v -> db.inTransaction(tx -> tx.read()
        .execute("INSERT INTO note (v) VALUES ($1)", Tuple.of(v))).compose(n -> readBack(v)));
    app.get("/page", Pagination.offset(), page -> db.read().page("SELECT pg_is_in_recovery() AS r FROM note ORDER BY id",
        "SELECT count(*) FROM note", Tuple.tuple(), page, r -> r.getBoolean(0)).map(p -> p.items().get(0)));
    server = TestServer.started(app);
  }

  private static Future<String> readBack(int v) {
    return db.read().one("SELECT pg_is_in_recovery(), count(*) FROM note WHERE v = $1", Tuple.of(v),
        r -> r.getBoolean(0) + "," + r.getLong(1));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void readsGoToTheReplicaAndWritesToThePrimary() throws Exception {
    awaitBody("/read", "true"::equals);
    for (int i = 0; i < 20; i++) {
      assertEquals("true", server.get("/read").body(), "a declared read is served by the replica");
    }
    assertEquals("false", server.get("/primary").body(), "a query through Database itself is the primary's");
    HttpResponse<String> wrote = server.send("POST", "/write/7", "text/plain", "");
    assertEquals(200, wrote.statusCode(), wrote.body());
    assertEquals("1", wrote.body());
    cluster.awaitReplayed(DEADLINE_MS);
    assertEquals("true,1", server.get("/count/7").body(), "the replica replayed the write");
    assertEquals("true", server.get("/page?per_page=1").body(), "pages are reads");
    assertTrue(PrometheusText.value(scrape(), "vivace_db_replica_usable", "replica", replicaName()) == 1.0);
  }

  @Test
  void aRequestThatWroteReadsItsWritesFromThePrimary() throws Exception {
    awaitBody("/read", "true"::equals);
    assertEquals("false,1;false,1", server.get("/ryw/11").body(), "both reads after the write, on the primary");
    assertEquals("false,1", server.get("/ryw-blocking/12").body(), "the same on a blocking route's thread");
    assertEquals("false,1", server.get("/ryw-tx/13").body(), "after a transaction too");
    assertEquals("true", server.get("/read").body(), "the next request reads from the replica again");
    List<Sample> metrics = scrape();
    assertTrue(PrometheusText.value(metrics, "vivace_db_reads_primary_total", "reason", "read_your_writes") >= 4,
        String.valueOf(metrics));
    assertTrue(metrics.stream().anyMatch(s -> s.name().equals("vivace_db_replica_lag_seconds")
        && replicaName().equals(s.labels().get("replica")) && s.value() >= 0), "the lag gauge");
  }

  @Test
  void aReplicaLaggingPastTheBoundIsSkippedUntilItCatchesUp() throws Exception {
    awaitBody("/read", "true"::equals);
    cluster.pauseReplay();
    try {
      TestReplica.query(cluster.primary(), "INSERT INTO note (v) VALUES (21)");
      awaitBody("/read", "false"::equals); // more than 300 ms behind: skipped
      assertEquals("false,1", server.get("/count/21").body(), "reads see the primary's rows");
      List<Sample> metrics = scrape();
      assertEquals(0.0, PrometheusText.value(metrics, "vivace_db_replica_usable", "replica", replicaName()));
      assertTrue(PrometheusText.value(metrics, "vivace_db_replica_lag_seconds", "replica", replicaName()) > 0.3,
          String.valueOf(metrics));
      assertTrue(PrometheusText.value(metrics, "vivace_db_reads_primary_total", "reason", "fallback") >= 1);
    } finally {
      cluster.resumeReplay();
    }
    awaitBody("/read", "true"::equals);
    assertEquals("true,1", server.get("/count/21").body(), "caught up");
  }

  @Test
  void aStoppedReplicaSendsReadsToThePrimaryWithoutFailingThem() throws Exception {
    awaitBody("/read", "true"::equals);
    AtomicBoolean run = new AtomicBoolean(true);
    AtomicInteger served = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Thread load = new Thread(() -> {
      while (run.get()) {
        HttpResponse<String> r = server.get("/read");
        (r.statusCode() == 200 ? served : failed).incrementAndGet();
      }
    }, "reads");
    load.start();
    try {
      cluster.stopReplica();
      awaitBody("/read", "false"::equals);
      int before = served.get();
      long deadline = System.nanoTime() + DEADLINE_MS * 1_000_000L;
      while (served.get() < before + 50 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } finally {
      run.set(false);
      load.join(DEADLINE_MS);
    }
    assertEquals(0, failed.get(), "reads in flight when the replica stopped were retried on the primary; "
        + served.get() + " served");
    assertTrue(served.get() > 50);
    assertEquals(0.0, PrometheusText.value(scrape(), "vivace_db_replica_usable", "replica", replicaName()));
    assertEquals(200, server.get("/health/ready").statusCode(), "readiness does not depend on replicas");

    cluster.startReplica();
    awaitBody("/read", "true"::equals); // reconnected and measured: back on the replica
  }

  /** Replicas down at start do not fail it; one that comes up is used, one that stays down is skipped. */
  @Test
  void replicasDownAtStartAreSkippedAndAReplicaThatComesUpIsUsed() throws Exception {
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    DatabaseUrl dead = new DatabaseUrl("127.0.0.1", closed, "postgres", "postgres", null);
    cluster.stopReplica();
    App app = Vivace.app(TestServer.options());
    Database two = Database.attach(app, new DbOptions().url(cluster.primary()).readUrls(List.of(dead, cluster.replica()))
        .migrate(false).replicaMaxLagMs(300).replicaCheckIntervalMs(50));
    app.get("/read", () -> two.read().one("SELECT pg_is_in_recovery()", Tuple.tuple(), r -> r.getBoolean(0)));
    try (TestServer s = TestServer.started(app)) {
      assertEquals(200, s.get("/health/ready").statusCode(), "ready without replicas");
      for (int i = 0; i < 10; i++) {
        assertEquals("false", s.get("/read").body(), "no replica up: the primary");
      }
      cluster.startReplica();
      long deadline = System.nanoTime() + DEADLINE_MS * 1_000_000L;
      while (!"true".equals(s.get("/read").body()) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      for (int i = 0; i < 20; i++) {
        assertEquals("true", s.get("/read").body(), "the live replica, never the dead one");
      }
      List<Sample> metrics = PrometheusText.parse(s.get("/metrics").body());
      assertEquals(0.0, PrometheusText.value(metrics, "vivace_db_replica_usable", "replica", "127.0.0.1:" + closed));
      assertEquals(1.0, PrometheusText.value(metrics, "vivace_db_replica_usable", "replica", replicaName()));
    } finally {
      if (cluster.replicaStopped()) {
        cluster.startReplica();
      }
    }
  }

  /** The optional window across requests: a cookie after a write request, honoured while it holds. */
  @Test
  void withAWindowTheClientOfAWriteRequestReadsFromThePrimaryForAWhile() throws Exception {
    App app = Vivace.app(TestServer.options());
    Database sticky = Database.attach(app, new DbOptions().url(cluster.primary()).readUrls(List.of(cluster.replica()))
        .migrate(false).replicaMaxLagMs(300).replicaCheckIntervalMs(50).readYourWritesWindowMs(60_000));
    app.get("/read", () -> sticky.read().one("SELECT pg_is_in_recovery()", Tuple.tuple(), r -> r.getBoolean(0)));
    app.get("/primary", () -> sticky.one("SELECT pg_is_in_recovery()", Tuple.tuple(), r -> r.getBoolean(0)));
    app.post("/write/:v", Path.intValue("v"), v -> sticky.execute("INSERT INTO note (v) VALUES ($1)", Tuple.of(v)));
    app.post("/nothing", () -> "none");
    try (TestServer s = TestServer.started(app)) {
      long deadline = System.nanoTime() + DEADLINE_MS * 1_000_000L;
      while (!"true".equals(s.get("/read").body()) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals("true", s.get("/read").body());
      assertTrue(s.get("/primary").headers().firstValue("set-cookie").isEmpty(), "a GET never pins its client");
      assertTrue(s.send("POST", "/nothing", "text/plain", "").headers().firstValue("set-cookie").isEmpty(),
          "a POST that did not use the primary does not either");

      HttpResponse<String> wrote = s.send("POST", "/write/41", "text/plain", "");
      assertEquals(200, wrote.statusCode(), wrote.body());
      String setCookie = wrote.headers().firstValue("set-cookie").orElseThrow();
      assertTrue(setCookie.matches("vivace-primary-until=\\d+; Max-Age=60; Path=/; HttpOnly; SameSite=Lax"), setCookie);
      String cookie = setCookie.substring(0, setCookie.indexOf(';'));
      long until = Long.parseLong(cookie.substring(cookie.indexOf('=') + 1));
      assertTrue(until > System.currentTimeMillis() + 50_000 && until <= System.currentTimeMillis() + 60_000, cookie);

      assertEquals("false", read(s, "theme=dark; " + cookie), "within the window: the primary");
      assertEquals("true", s.get("/read").body(), "another client: the replica");
      long now = System.currentTimeMillis();
      assertEquals("true", read(s, "vivace-primary-until=" + (now - 1)), "expired");
      assertEquals("true", read(s, "vivace-primary-until=" + (now + 3_600_000)), "further ahead than one window: forged");
      assertEquals("true", read(s, "vivace-primary-until=12ab"), "not a number");
      assertEquals("true", read(s, "xvivace-primary-until=" + (now + 1_000)), "another cookie's name");
    }
  }

  private static String read(TestServer s, String cookie) {
    return s.send(java.net.http.HttpRequest.newBuilder(s.uri("/read")).header("Cookie", cookie).GET()).body();
  }

  private static String replicaName() {
    return cluster.replica().host() + ":" + cluster.replica().port();
  }

  private static List<Sample> scrape() {
    HttpResponse<String> r = server.get("/metrics");
    assertEquals(200, r.statusCode());
    return PrometheusText.parse(r.body());
  }

  /** GETs {@code path} until its body passes {@code wanted}, at most {@link #DEADLINE_MS}. */
  private static void awaitBody(String path, Predicate<String> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE_MS * 1_000_000L;
    String last = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = server.get(path);
      last = r.statusCode() + " " + r.body();
      if (r.statusCode() == 200 && wanted.test(r.body())) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(path + " did not answer as expected within " + DEADLINE_MS + " ms; last: " + last);
  }
}
