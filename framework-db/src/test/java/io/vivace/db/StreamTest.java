package io.vivace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Large results streamed through a cursor as a chunked JSON array or NDJSON. */
class StreamTest {
  static DatabaseUrl url;
  static TestServer server;

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    App app = Vivace.app(TestServer.options());
    Database db = Database.attach(app, new DbOptions().url(url).migrations("classpath:db/dbtest"));
    String sql = "SELECT i, 'row ' || i FROM generate_series(1, $1) AS i ORDER BY i";
    app.get("/export", io.vivace.extract.Query.intValue("n"), n ->
        db.stream(sql, Tuple.of(n), r -> Map.of("i", r.getInteger(0)), 100, false));
    app.get("/export.ndjson", io.vivace.extract.Query.intValue("n"), n ->
        db.stream(sql, Tuple.of(n), r -> r.getString(1), 100, true));
    app.get("/broken", () -> db.stream("SELECT no_such_column FROM note", Tuple.tuple(), r -> 1, 10, false));
    server = TestServer.started(app);
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  @Test
  void aJsonArrayOfEveryRowChunked() {
    HttpResponse<String> r = server.get("/export?n=20000");
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
    assertTrue(r.headers().firstValue("content-length").isEmpty(), "chunked, not buffered");
    List<?> rows = (List<?>) JsonTree.parse(r.body());
    assertEquals(20_000, rows.size());
    assertEquals(Map.of("i", 20_000L), rows.get(19_999));
    assertEquals("[]", server.get("/export?n=0").body());
  }

  @Test
  void ndjsonOneValuePerLine() {
    HttpResponse<String> r = server.get("/export.ndjson?n=3");
    assertEquals("application/x-ndjson", r.headers().firstValue("content-type").orElseThrow());
    assertEquals("\"row 1\"\n\"row 2\"\n\"row 3\"\n", r.body());
  }

  @Test
  void aFailureBeforeTheFirstRowIsAProblem() {
    HttpResponse<String> r = server.get("/broken");
    assertEquals(500, r.statusCode());
    assertEquals("application/problem+json", r.headers().firstValue("content-type").orElseThrow());
    assertTrue(!r.body().contains("no_such_column"), "no SQL in the answer");
  }
}
