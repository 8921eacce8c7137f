package io.vivace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dslplatform.json.CompiledJson;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.db.testing.TestDatabase;
import io.vivace.extract.Body;
import io.vivace.extract.Path;
import io.vivace.extract.Query;
import io.vivace.pagination.Pagination;
import io.vivace.response.Response;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The query API and its error mapping, over HTTP, against a real PostgreSQL. */
class DatabaseTest {
  @CompiledJson
  public record Note(int id, int authorId, String title) {
    static Note from(Row row) {
      return new Note(row.getInteger(0), row.getInteger(1), row.getString(2));
    }
  }

  @CompiledJson
  public record NewNote(int authorId, String title) {
  }

  @CompiledJson
  public record NewNotes(List<NewNote> notes) {
  }

  static DatabaseUrl url;
  static TestServer server;
  static Database db;

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    App app = Vivace.app(TestServer.options());
    db = Database.attach(app, new DbOptions().url(url).poolSize(4).migrations("classpath:db/dbtest"));
    String insert = "INSERT INTO note (author_id, title) VALUES ($1, $2) RETURNING id, author_id, title";
    app.get("/notes/:id", Path.intValue("id"),
        id -> db.one("SELECT id, author_id, title FROM note WHERE id = $1", Tuple.of(id), Note::from));
    app.get("/authors/:id/notes", Path.intValue("id"),
        id -> db.list("SELECT id, author_id, title FROM note WHERE author_id = $1 ORDER BY id", Tuple.of(id), Note::from));
    app.post("/notes", Body.json(NewNote.class),
        n -> db.one(insert, Tuple.of(n.authorId(), n.title()), Note::from).map(Response::created));
    app.post("/authors/:name", Path.string("name"),
        name -> db.execute("INSERT INTO author (name) VALUES ($1)", Tuple.of(name)).map(n -> Response.status(201).body("created " + n)));
    // Two inserts in one transaction; the second may fail and must take the first with it.
    app.get("/authors/any", () -> db.one("SELECT name FROM author", Tuple.tuple(), row -> row.getString(0)));
    app.post("/pair", Body.json(NewNotes.class), pair -> db.inTransaction(tx ->
        tx.one(insert, Tuple.of(pair.notes().get(0).authorId(), pair.notes().get(0).title()), Note::from)
            .compose(first -> tx.one(insert, Tuple.of(pair.notes().get(1).authorId(), pair.notes().get(1).title()), Note::from))
            .map(second -> "both")));
    app.post("/batch", Body.json(NewNotes.class), in -> db.batch("INSERT INTO note (author_id, title) VALUES ($1, $2)",
        in.notes().stream().map(n -> Tuple.of(n.authorId(), n.title())).toList()).map(n -> "inserted " + n));
    app.get("/authors/:id/pages", Path.intValue("id"), Pagination.offset(), Query.bool("count").orElse(true),
        (id, page, count) -> db.page("SELECT id, author_id, title FROM note WHERE author_id = $1 ORDER BY id",
            count ? "SELECT count(*) FROM note WHERE author_id = $1" : null, Tuple.of(id), page, Note::from));
    server = TestServer.started(app);
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  private static int count() {
    return db.one("SELECT count(*)::int FROM note", Tuple.tuple(), r -> r.getInteger(0))
        .toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void migrationsRanBeforeTheFirstRequestAndHealthIncludesTheDatabase() {
    assertEquals("{\"status\":\"UP\",\"checks\":{\"db\":\"UP\"}}", server.get("/health").body());
    assertEquals("[]", server.get("/authors/1/notes").body());
  }

  @Test
  void oneListAndCreate() {
    HttpResponse<String> created = server.postJson("/notes", "{\"authorId\":2,\"title\":\"Compilers\"}");
    assertEquals(201, created.statusCode(), created.body());
    Map<String, Object> note = JsonTree.object(created.body());
    assertEquals(created.body(), server.get("/notes/" + note.get("id")).body());
    assertTrue(server.get("/authors/2/notes").body().contains("\"title\":\"Compilers\""));
    assertEquals(404, server.get("/notes/999999").statusCode());
  }

  @Test
  void constraintViolationsAreClientErrorsWithoutSql() {
    HttpResponse<String> duplicate = server.send("POST", "/authors/Ada", null, null);
    assertEquals(409, duplicate.statusCode(), duplicate.body());
    HttpResponse<String> noAuthor = server.postJson("/notes", "{\"authorId\":4242,\"title\":\"x\"}");
    assertEquals(409, noAuthor.statusCode());
    HttpResponse<String> empty = server.postJson("/notes", "{\"authorId\":1,\"title\":\"\"}");
    assertEquals(422, empty.statusCode());
    for (HttpResponse<String> r : List.of(duplicate, noAuthor, empty)) {
      assertEquals("application/problem+json", r.headers().firstValue("content-type").orElseThrow());
      String body = r.body().toLowerCase(java.util.Locale.ROOT);
      assertFalse(body.contains("insert") || body.contains("author_") || body.contains("note_") || body.contains("violat"), body);
    }
  }

  /** The failure of {@code f} (outside any request), or an AssertionError when it succeeds. */
  private static Throwable failure(io.vertx.core.Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void outsideRequestsFailuresAreTypedWithoutHttp() {
    Throwable many = failure(db.one("SELECT x FROM generate_series(1, 2) x", Tuple.tuple(), r -> r.getInteger(0)));
    assertEquals(2, ((TooManyRowsException) many).rows(), "one() refuses a second row, as jOOQ's fetchOne");
    assertTrue(failure(db.one("SELECT id FROM author WHERE id = -1", Tuple.tuple(), r -> r.getInteger(0)))
        instanceof NotFoundException);
    ConstraintViolation unique = (ConstraintViolation) failure(db.execute("INSERT INTO author (name) VALUES ('Ada')", Tuple.tuple()));
    assertEquals(ConstraintViolation.Kind.UNIQUE, unique.kind());
    assertEquals("author_name_key", unique.constraint());
    ConstraintViolation fk = (ConstraintViolation) failure(db.execute("INSERT INTO note (author_id, title) VALUES (999, 'x')", Tuple.tuple()));
    assertEquals(ConstraintViolation.Kind.FOREIGN_KEY, fk.kind());
    ConstraintViolation check = (ConstraintViolation) failure(db.execute("INSERT INTO note (author_id, title) VALUES (1, '')", Tuple.tuple()));
    assertEquals(ConstraintViolation.Kind.CHECK, check.kind());
  }

  @Test
  void aSecondRowIsTheServersBugAtTheEdge() {
    HttpResponse<String> r = server.get("/authors/any");
    assertEquals(500, r.statusCode(), r.body());
    assertTrue(r.body().contains("request_id"), r.body());
  }

  @Test
  void aFailedTransactionLeavesNothingBehind() {
    int before = count();
    HttpResponse<String> r = server.postJson("/pair", "{\"notes\":[{\"authorId\":1,\"title\":\"first\"},{\"authorId\":999,\"title\":\"second\"}]}");
    assertEquals(409, r.statusCode(), r.body());
    assertEquals(before, count(), "the first insert was rolled back");
    assertEquals("both", server.postJson("/pair", "{\"notes\":[{\"authorId\":1,\"title\":\"a\"},{\"authorId\":2,\"title\":\"b\"}]}").body());
    assertEquals(before + 2, count());
  }

  @Test
  void batchesInsertEveryTuple() {
    int before = count();
    assertEquals("inserted 3", server.postJson("/batch",
        "{\"notes\":[{\"authorId\":1,\"title\":\"x\"},{\"authorId\":1,\"title\":\"y\"},{\"authorId\":2,\"title\":\"z\"}]}").body());
    assertEquals(before + 3, count());
  }

  @Test
  void optionalIsEmptyForNoRow() {
    assertEquals(java.util.Optional.empty(), db.optional("SELECT id FROM note WHERE id = $1", Tuple.of(-1), r -> r.getInteger(0))
        .toCompletionStage().toCompletableFuture().join());
    Future<Integer> f = db.execute("UPDATE note SET title = 'same' WHERE id = -1", Tuple.tuple());
    assertEquals(0, f.toCompletionStage().toCompletableFuture().join());
  }

  @Test
  void offsetPagesWithAndWithoutTheCount() {
    db.execute("INSERT INTO author (id, name) VALUES (77, 'Paginated')", Tuple.tuple()).toCompletionStage().toCompletableFuture().join();
    db.execute("INSERT INTO note (author_id, title) SELECT 77, 'n' || i FROM generate_series(1, 25) AS i", Tuple.tuple())
        .toCompletionStage().toCompletableFuture().join();
    Map<String, Object> p2 = JsonTree.object(server.get("/authors/77/pages?page=2&per_page=10").body());
    assertEquals(10, ((List<?>) p2.get("items")).size());
    assertEquals("n11", ((Map<?, ?>) ((List<?>) p2.get("items")).get(0)).get("title"));
    assertEquals(25L, p2.get("total"));
    assertEquals(3L, p2.get("total_pages"));
    Map<String, Object> last = JsonTree.object(server.get("/authors/77/pages?page=3&per_page=10&count=false").body());
    assertEquals(5, ((List<?>) last.get("items")).size());
    assertFalse(last.containsKey("total"), "no count asked, none reported");
  }
}
