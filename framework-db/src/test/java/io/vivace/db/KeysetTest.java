package io.vivace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.db.DatabaseTest.Note;
import io.vivace.db.testing.TestDatabase;
import io.vivace.extract.Query;
import io.vivace.pagination.Pagination;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keyset pages over a real PostgreSQL, followed through their RFC 8288 Link headers. */
class KeysetTest {
  static final Keyset<Note> BY_ID = Keyset.by("id", Keyset.Type.INT, Note::id);
  static final Keyset<Note> NEWEST_TITLE = Keyset.<Note>by("title", Keyset.Type.TEXT, Note::title)
      .then("id", Keyset.Type.INT, Note::id).descending();
  static final Pattern NEXT = Pattern.compile("^<([^>]+)>; rel=\"next\"$");

  static DatabaseUrl url;
  static TestServer server;
  static Database db;

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    App app = Vivace.app(TestServer.options());
    db = Database.attach(app, new DbOptions().url(url).migrations("classpath:db/dbtest"));
    String sql = "SELECT id, author_id, title FROM note WHERE author_id = $1";
    app.get("/notes", Query.intValue("author"), Pagination.keyset(10, 50),
        (author, page) -> db.keyset(sql, Tuple.of(author), BY_ID, page, Note::from).map(p -> p.toResponse(page)));
    app.get("/by-title", Pagination.keyset(),
        page -> db.keyset("SELECT id, author_id, title FROM note", Tuple.tuple(), NEWEST_TITLE, page, Note::from)
            .map(p -> p.toResponse(page)));
    server = TestServer.started(app);
    insert(1, 25, "original");
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  static void insert(int author, int count, String prefix) {
    db.execute("INSERT INTO note (author_id, title) SELECT $1, $2 || lpad(i::text, 3, '0') FROM generate_series(1, $3) AS i",
        Tuple.of(author, prefix, count)).toCompletionStage().toCompletableFuture().join();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(HttpResponse<String> r) {
    return (List<Map<String, Object>>) JsonTree.object(r.body()).get("items");
  }

  @Test
  void followingTheLinksVisitsEveryRowOnceEvenWhileRowsAreInserted() {
    List<Long> seen = new ArrayList<>();
    String next = "/notes?author=1&limit=10";
    int pages = 0;
    while (next != null) {
      HttpResponse<String> r = server.get(next);
      assertEquals(200, r.statusCode(), r.body());
      items(r).forEach(n -> seen.add((Long) n.get("id")));
      if (pages++ == 0) {
        insert(1, 5, "inserted meanwhile"); // arrives while a client is paging
      }
      String link = r.headers().firstValue("link").orElse(null);
      Object cursor = JsonTree.object(r.body()).get("next_cursor");
      if (link == null) {
        assertNull(cursor, "the last page has no next cursor");
        next = null;
      } else {
        Matcher m = NEXT.matcher(link);
        assertTrue(m.matches(), link);
        next = m.group(1);
        assertTrue(next.startsWith("/notes?author=1&limit=10&cursor="), next);
        assertEquals(cursor, next.substring(next.indexOf("cursor=") + 7));
      }
    }
    assertEquals(30, seen.size(), "25 originals and the 5 inserted after them, each once: " + seen);
    assertEquals(seen.stream().distinct().sorted().toList(), seen, "ascending, no repeats");
    assertEquals(3, pages, "30 rows at 10 a page; the third page knows it is the last");
  }

  @Test
  void descendingOverTwoColumns() {
    HttpResponse<String> first = server.get("/by-title?limit=3");
    List<String> titles = items(first).stream().map(n -> (String) n.get("title")).toList();
    assertEquals(List.of("original025", "original024", "original023"), titles);
    List<String> all = new ArrayList<>(titles);
    String link = first.headers().firstValue("link").orElseThrow();
    Matcher m = NEXT.matcher(link);
    assertTrue(m.matches());
    all.addAll(items(server.get(m.group(1))).stream().map(n -> (String) n.get("title")).toList());
    List<String> sorted = new ArrayList<>(all);
    sorted.sort(java.util.Comparator.reverseOrder());
    assertEquals(sorted, all, "titles descending across pages");
  }

  @Test
  void forgedCursorValuesAre400NotADatabaseError() {
    String nul = io.vivace.pagination.CursorRequest.cursorOf("a\u0000b\u001f1");
    HttpResponse<String> r = server.get("/by-title?cursor=" + nul);
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("cursor", JsonTree.errors(r.body()).get(0).get("parameter"));

    Keyset<java.time.OffsetDateTime> byTime = Keyset.by("t", Keyset.Type.TIMESTAMP, t -> t);
    for (String forged : new String[] {"+294277-01-01T00:00:00Z", "-5000-01-01T00:00:00Z", "2026-13-01T00:00:00Z",
        "2026-01-01T00:00:00", "+999999999-12-31T23:59:59Z"}) {
      io.vivace.problem.ProblemException e = org.junit.jupiter.api.Assertions.assertThrows(io.vivace.problem.ProblemException.class,
          () -> byTime.addValues(io.vivace.pagination.CursorRequest.cursorOf(forged), io.vertx.sqlclient.Tuple.tuple()), forged);
      assertEquals(400, e.status(), forged);
    }
    io.vertx.sqlclient.Tuple ok = io.vertx.sqlclient.Tuple.tuple();
    byTime.addValues(io.vivace.pagination.CursorRequest.cursorOf("+294276-12-31T23:59:59Z"), ok);
    byTime.addValues(io.vivace.pagination.CursorRequest.cursorOf("-4713-11-24T00:00:00Z"), ok);
    assertEquals(2, ok.size());
  }

  @Test
  void aCursorOfAnotherListIs400() {
    HttpResponse<String> titles = server.get("/by-title?limit=1");
    String foreign = (String) JsonTree.object(titles.body()).get("next_cursor");
    for (String bad : new String[] {foreign, io.vivace.pagination.CursorRequest.cursorOf("not-a-number")}) {
      HttpResponse<String> r = server.get("/notes?author=1&cursor=" + bad);
      assertEquals(400, r.statusCode(), r.body());
      assertEquals("cursor", JsonTree.errors(r.body()).get(0).get("parameter"));
    }
  }
}
