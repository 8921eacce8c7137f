package io.vivace.pagination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.pagination.impl.Cursors;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PaginationTest {
  static TestServer server;
  static final List<Integer> NUMBERS = new ArrayList<>();

  @BeforeAll
  static void start() {
    for (int i = 1; i <= 250; i++) {
      NUMBERS.add(i);
    }
    server = TestServer.start(app -> {
      app.get("/numbers", Pagination.offset(), page -> Page.slice(NUMBERS, page));
      app.get("/small", Pagination.offset().defaultSize(5).maxSize(10),
          p -> p.page() + "/" + p.perPage() + "/" + p.offset());
      app.get("/keyset", Pagination.keyset(), c -> (c.first() ? "first" : c.position()) + "/" + c.limit());
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Map<String, Object> page(String query) {
    HttpResponse<String> r = server.get("/numbers" + query);
    assertEquals(200, r.statusCode(), r.body());
    return JsonTree.object(r.body());
  }

  @Test
  void defaultsToTheFirstPageOfTwenty() {
    Map<String, Object> p = page("");
    assertEquals(20, ((List<?>) p.get("items")).size());
    assertEquals(1L, p.get("page"));
    assertEquals(20L, p.get("per_page"));
    assertEquals(250L, p.get("total"));
    assertEquals(13L, p.get("total_pages"));
  }

  @Test
  void pageAndPerPage() {
    Map<String, Object> p = page("?page=3&per_page=10");
    assertEquals(List.of(21L, 22L, 23L, 24L, 25L, 26L, 27L, 28L, 29L, 30L), p.get("items"));
    assertEquals(3L, p.get("page"));
  }

  @Test
  void limitAndOffset() {
    Map<String, Object> p = page("?limit=5&offset=10");
    assertEquals(List.of(11L, 12L, 13L, 14L, 15L), p.get("items"));
    assertEquals(3L, p.get("page"));
  }

  @Test
  void pageWinsOverOffset() {
    Map<String, Object> p = page("?page=2&per_page=5&offset=100");
    assertEquals(List.of(6L, 7L, 8L, 9L, 10L), p.get("items"));
    assertEquals(2L, p.get("page"));
  }

  @Test
  void oversizedPagesAreClampedAndTheClampedSizeIsReported() {
    Map<String, Object> p = page("?per_page=1000");
    assertEquals(100L, p.get("per_page"));
    assertEquals(100, ((List<?>) p.get("items")).size());
    assertEquals(3L, p.get("total_pages"));
    assertEquals(1L, page("?limit=0").get("per_page"));
    assertEquals("1/10/0", server.get("/small?limit=99").body());
    assertEquals("1/5/0", server.get("/small").body());
    assertEquals(100L, page("?per_page=99999999999999999999999").get("per_page"));
  }

  @Test
  void badValuesAre400sNamingTheParameter() {
    for (String[] c : new String[][] {
        {"?page=abc", "page", "must be a non-negative integer, got \"abc\""},
        {"?limit=-1", "limit", "must not be negative, got \"-1\""},
        {"?offset=-5", "offset", "must not be negative, got \"-5\""},
        {"?per_page=1.5", "per_page", "must be a non-negative integer, got \"1.5\""},
        {"?page=0", "page", "must be at least 1 (pages are numbered from 1)"}}) {
      HttpResponse<String> r = server.get("/numbers" + c[0]);
      assertEquals(400, r.statusCode(), c[0]);
      Map<String, Object> e = JsonTree.errors(r.body()).get(0);
      assertEquals(c[1], e.get("parameter"), c[0]);
      assertEquals("query", e.get("in"));
      assertEquals(c[2], e.get("detail"), c[0]);
    }
  }

  @Test
  void keysetReadsAnOpaqueCursor() {
    assertEquals("first/20", server.get("/keyset").body());
    String cursor = CursorRequest.cursorOf("id>42");
    assertEquals("id>42/7", server.get("/keyset?cursor=" + cursor + "&limit=7").body());
    HttpResponse<String> bad = server.get("/keyset?cursor=not*a*cursor");
    assertEquals(400, bad.statusCode());
    assertEquals("cursor", JsonTree.errors(bad.body()).get(0).get("parameter"));
  }

  @Test
  void cursorsAreBase64Url() {
    assertTrue(Cursors.isWellFormed(Cursors.encode("créé/?=")));
    assertFalse(Cursors.isWellFormed("a+b/"));
    assertFalse(Cursors.isWellFormed("x".repeat(Cursors.MAX_LENGTH + 4)));
  }

  @Test
  void aCursorCarriesItsPositionBack() {
    String cursor = CursorRequest.cursorOf("2026-01-31T00:00:00Z\u001f42");
    assertEquals("2026-01-31T00:00:00Z\u001f42", new CursorRequest(cursor, 5).position());
    assertEquals(null, new CursorRequest(null, 5).position());
    assertThrows(IllegalArgumentException.class, () -> new CursorRequest("a+b/", 5).position());
  }
}
