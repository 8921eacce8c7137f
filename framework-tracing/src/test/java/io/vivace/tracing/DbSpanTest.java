package io.vivace.tracing;

import static io.vivace.tracing.Spans.assertAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.db.Database;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.extract.Path;
import io.vivace.testing.TestServer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Database statements as client spans under the request's server span, against the real
 * PostgreSQL: named {@code {operation} {table}}, with {@code db.system}, {@code db.namespace},
 * {@code db.operation.name}, the server; never a parameter; a failure's class and SQLSTATE; batches
 * and transactions too; no span for a statement sent outside a request.
 */
class DbSpanTest {
  static final String SECRET = "s3cr3t-value-" + System.nanoTime();
  static DatabaseUrl url;
  static TestServer server;
  static Database db;

  @BeforeAll
  static void start() {
    Spans.configure();
    url = TestDatabase.fresh();
    App app = Vivace.app(Spans.traced());
    db = Database.attach(app, new DbOptions().url(url).migrate(false));
    app.onStart(vertx -> db.execute("CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL)", Tuple.tuple())
        .compose(n -> db.execute("INSERT INTO notes VALUES (1, $1)", Tuple.of(SECRET))).mapEmpty());
    app.get("/notes/:id", Path.longValue("id"),
        id -> db.one("SELECT body FROM notes WHERE id = $1", Tuple.of(id), r -> r.getString(0)));
    app.post("/notes/:id", Path.longValue("id"),
        id -> db.execute("INSERT INTO notes (id, body) VALUES ($1, $2)", Tuple.of(id, SECRET)).map(n -> "added"));
    app.post("/batch", () -> db.batch("INSERT INTO notes (id, body) VALUES ($1, $2)",
        List.of(Tuple.of(100L, "a"), Tuple.of(101L, "b"))).map(n -> "batched"));
    app.post("/tx", () -> db.inTransaction(sql -> sql.execute("UPDATE notes SET body = $1 WHERE id = $2",
        Tuple.of(SECRET, 1L))).map(n -> "updated"));
    app.get("/scoped-note", () -> { // a statement sent while a span of the app's own is current
      io.opentelemetry.api.trace.Span work = Tracing.openTelemetry(app).getTracer("db-span-test").spanBuilder("load note")
          .startSpan();
      try (io.opentelemetry.context.Scope s = work.makeCurrent()) {
        return db.one("SELECT body FROM notes WHERE id = $1", Tuple.of(1L), r -> r.getString(0))
            .eventually(() -> {
              work.end();
              return io.vertx.core.Future.succeededFuture();
            });
      }
    });
    server = TestServer.started(app);
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  @BeforeEach
  void clean() {
    Spans.reset();
  }

  @Test
  void queryIsAChildOfTheServerSpan() {
    assertEquals(SECRET, server.get("/notes/1").body());
    SpanData http = Spans.server(server.app(), "GET /notes/:id");
    SpanData query = Spans.await(server.app(), s -> s.getName().equals("SELECT notes"), "SELECT notes");
    assertEquals(SpanKind.CLIENT, query.getKind());
    assertEquals(http.getTraceId(), query.getTraceId());
    assertEquals(http.getSpanId(), query.getParentSpanId());
    assertAttribute(query, "db.system", "postgresql");
    assertAttribute(query, "db.system.name", "postgresql");
    assertAttribute(query, "db.namespace", url.database());
    assertAttribute(query, "db.operation.name", "SELECT");
    assertAttribute(query, "db.collection.name", "notes");
    assertAttribute(query, "db.query.summary", "SELECT notes");
    assertAttribute(query, "server.address", url.host());
    assertAttribute(query, "server.port", (long) url.port());
    assertEquals(StatusCode.UNSET, query.getStatus().getStatusCode());
    assertTrue(query.getEndEpochNanos() <= http.getEndEpochNanos(), "the query ended before the response");
    assertNoValues(query);
  }

  @Test
  void aStatementSentWhileASpanOfTheAppsOwnIsCurrentIsItsChild() {
    assertEquals(SECRET, server.get("/scoped-note").body());
    SpanData http = Spans.server(server.app(), "GET /scoped-note");
    SpanData work = Spans.await(server.app(), s -> s.getName().equals("load note"), "load note");
    SpanData query = Spans.await(server.app(), s -> s.getName().equals("SELECT notes") && s.getTraceId().equals(http.getTraceId()),
        "SELECT notes of the request");
    assertEquals(http.getSpanId(), work.getParentSpanId(), "the app's span: under the request's");
    assertEquals(work.getSpanId(), query.getParentSpanId(), "the statement: under the span current when it was sent");
  }

  @Test
  void failedStatementRecordsClassAndSqlStateNotItsMessage() {
    assertEquals(409, server.send("POST", "/notes/1", null, null).statusCode()); // duplicate key: a conflict
    SpanData insert = Spans.await(server.app(), s -> s.getName().equals("INSERT notes"), "INSERT notes");
    assertEquals(StatusCode.ERROR, insert.getStatus().getStatusCode());
    assertAttribute(insert, "db.response.status_code", "23505");
    assertAttribute(insert, "error.type", "io.vertx.pgclient.PgException");
    assertTrue(insert.getEvents().isEmpty(), "no exception event (its message names the key's value)");
    assertNoValues(insert);
  }

  @Test
  void batchAndTransactionStatementsAreTraced() {
    assertEquals("batched", server.send("POST", "/batch", null, null).body());
    SpanData batch = Spans.await(server.app(), s -> s.getName().equals("INSERT notes")
        && "BATCH INSERT".equals(s.getAttributes().asMap().entrySet().stream()
            .filter(e -> e.getKey().getKey().equals("db.operation.name")).map(e -> e.getValue()).findFirst()
            .orElse(null)), "BATCH INSERT notes");
    assertAttribute(batch, "db.operation.batch.size", 2L);

    assertEquals("updated", server.send("POST", "/tx", null, null).body());
    SpanData http = Spans.server(server.app(), "POST /tx");
    SpanData update = Spans.await(server.app(), s -> s.getName().equals("UPDATE notes"), "UPDATE notes");
    assertEquals(http.getSpanId(), update.getParentSpanId());
    assertNoValues(update);
  }

  @Test
  void statementsOutsideARequestHaveNoSpan() throws Exception {
    // From a thread outside Vert.x, and from an event loop's own context (no request): no span.
    db.one("SELECT count(*) FROM pg_class", Tuple.tuple(), r -> r.getLong(0))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    CompletableFuture<Long> onLoop = new CompletableFuture<>();
    server.app().vertx().runOnContext(v -> db.one("SELECT count(*) FROM pg_class", Tuple.tuple(), r -> r.getLong(0))
        .onComplete(ar -> onLoop.complete(ar.result())));
    onLoop.get(10, TimeUnit.SECONDS);
    server.get("/notes/1"); // a request after them: its spans are exported after theirs would be
    Spans.await(server.app(), s -> s.getName().equals("SELECT notes"), "SELECT notes");
    Spans.server(server.app(), "GET /notes/:id");
    assertTrue(Spans.all().stream().noneMatch(s -> s.getName().equals("SELECT pg_class")), Spans.describe(Spans.all()));
  }

  /** No attribute carries the statement's parameter values. */
  static void assertNoValues(SpanData span) {
    String all = span.getAttributes().toString() + span.getName() + span.getEvents() + span.getStatus();
    assertTrue(!all.contains(SECRET) && !all.contains("s3cr3t"), "a parameter value in " + all);
  }
}
