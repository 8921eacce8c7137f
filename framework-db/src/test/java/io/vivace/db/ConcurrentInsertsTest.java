package io.vivace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.db.DatabaseTest.Note;
import io.vivace.db.testing.TestDatabase;
import io.vivace.pagination.Pagination;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Both pagination styles while another connection inserts rows the whole time: keyset pages visit
 * every row that existed before paging began exactly once, wherever the new rows sort; offset pages
 * over an append-only order do too, and every offset page is consistent with its total.
 */
class ConcurrentInsertsTest {
  static final int ORIGINALS = 120;
  static final Keyset<Note> BY_TITLE = Keyset.by("title", Keyset.Type.TEXT, Note::title)
      .then("id", Keyset.Type.INT, Note::id);

  static DatabaseUrl url;
  static TestServer server;
  static Database db;

  final AtomicBoolean inserting = new AtomicBoolean(true);
  final AtomicInteger inserted = new AtomicInteger();
  Thread inserter;

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    App app = Vivace.app(TestServer.options());
    db = Database.attach(app, new DbOptions().url(url).poolSize(4).migrations("classpath:db/dbtest"));
    String select = "SELECT id, author_id, title FROM note";
    app.get("/offset", Pagination.offset(), page -> db.page(select + " ORDER BY id",
        "SELECT count(*) FROM note", Tuple.tuple(), page, Note::from));
    app.get("/keyset", Pagination.keyset(),
        page -> db.keyset(select, Tuple.tuple(), BY_TITLE, page, Note::from).map(p -> p.toResponse(page)));
    server = TestServer.started(app);
    // Titles spread over the alphabet, so rows inserted later sort before, between and after them.
    db.execute("INSERT INTO note (author_id, title) SELECT 1, md5(i::text) FROM generate_series(1, $1) AS i",
        Tuple.of(ORIGINALS)).toCompletionStage().toCompletableFuture().join();
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  @BeforeEach
  void startInserting() throws InterruptedException {
    inserter = new Thread(() -> {
      while (inserting.get()) {
        db.execute("INSERT INTO note (author_id, title) VALUES (2, md5(random()::text))", Tuple.tuple())
            .toCompletionStage().toCompletableFuture().join();
        inserted.incrementAndGet();
      }
    }, "inserter");
    inserter.start();
    while (inserted.get() == 0) {
      Thread.sleep(1); // wait for the first insert, so paging surely overlaps the inserts
    }
  }

  @AfterEach
  void stopInserting() throws InterruptedException {
    inserting.set(false);
    inserter.join();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(Map<String, Object> page) {
    return (List<Map<String, Object>>) page.get("items");
  }

  @Test
  void keysetPagesVisitEveryEarlierRowOnceWhereverNewRowsSort() {
    List<Long> seenOriginals = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    String next = "/keyset?limit=7";
    int during = inserted.get();
    while (next != null) {
      HttpResponse<String> r = server.get(next);
      assertEquals(200, r.statusCode(), r.body());
      for (Map<String, Object> n : items(JsonTree.object(r.body()))) {
        titles.add((String) n.get("title"));
        if (((Long) n.get("authorId")) == 1L) {
          seenOriginals.add((Long) n.get("id"));
        }
      }
      next = r.headers().firstValue("link").map(link -> {
        Matcher m = KeysetTest.NEXT.matcher(link);
        assertTrue(m.matches(), link);
        return m.group(1);
      }).orElse(null);
    }
    assertTrue(inserted.get() > during, "rows were inserted while the client paged");
    assertEquals(ORIGINALS, seenOriginals.size(), "every earlier row once: " + seenOriginals);
    assertEquals(ORIGINALS, seenOriginals.stream().distinct().count(), "no earlier row twice");
    List<String> sorted = new ArrayList<>(titles);
    sorted.sort(null);
    assertEquals(sorted, titles, "the walk is in title order across pages");
  }

  @Test
  void offsetPagesOverAnAppendOnlyOrderStayConsistentWithTheirTotal() {
    List<Long> seen = new ArrayList<>();
    long firstTotal = -1;
    long lastTotal = -1;
    for (int page = 1; seen.stream().filter(id -> id <= ORIGINALS).count() < ORIGINALS; page++) {
      HttpResponse<String> r = server.get("/offset?per_page=9&page=" + page);
      assertEquals(200, r.statusCode(), r.body());
      Map<String, Object> body = JsonTree.object(r.body());
      List<Map<String, Object>> items = items(body);
      long total = (Long) body.get("total");
      long offset = (page - 1) * 9L;
      assertTrue(items.size() <= 9, "at most per_page items");
      assertTrue(total >= offset + items.size(), "total " + total + " covers the rows this page shows");
      assertEquals((total + 8) / 9, body.get("total_pages"), "total_pages follows total");
      items.forEach(n -> seen.add((Long) n.get("id")));
      firstTotal = firstTotal < 0 ? total : firstTotal;
      lastTotal = total;
    }
    assertTrue(lastTotal > firstTotal, "the count grew while paging: " + firstTotal + " -> " + lastTotal);
    List<Long> originals = seen.stream().filter(id -> id <= ORIGINALS).toList();
    assertEquals(ORIGINALS, originals.size(), "every earlier row once");
    assertEquals(originals.stream().distinct().sorted().toList(), originals, "ascending, no repeats");
  }
}
